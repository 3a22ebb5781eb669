package io.gridhub.feeds.mapping;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 11 item 2: one number must not take the hub down. {@code 1e999999999} is a valid decimal
 * whose plain form has a billion digits; before the bound, printing it ran out of memory.
 */
class BoundedNumbersTest {

    @Test
    @Timeout(5)
    void aHugeExponentIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Values.number("1e999999999", "rated_kva"))
                .isInstanceOf(RecordRejected.class).hasMessageContaining("rated_kva").hasMessageContaining("out of range");
        assertThatThrownBy(() -> Values.number(new BigDecimal("-9E+2147483647"), "peak_kw"))
                .isInstanceOf(RecordRejected.class).hasMessageContaining("peak_kw");
        assertThatThrownBy(() -> Values.integer("1e999999999", "total_bays")).isInstanceOf(RecordRejected.class);
        assertThatThrownBy(() -> Values.number("1".repeat(100_000), "rated_kva"))
                .isInstanceOf(RecordRejected.class).hasMessageContaining("at most 64 characters");
    }

    @Test
    @Timeout(5)
    void aHugeNumberAsTextStaysShort() {
        assertThat(Values.text(new BigDecimal("1e999999999"))).isEqualTo("1E+999999999");
        assertThat(Values.text(new BigDecimal("1e-999999999"))).isEqualTo("1E-999999999");
        assertThat(Values.text(new BigDecimal("1250.00"))).isEqualTo("1250");
    }

    @Test
    void ordinaryNumbersAreReadAsBefore() {
        assertThat(Values.number("1,250.5", "rated_kva")).isEqualByComparingTo("1250.5");
        assertThat(Values.number("0E-999999999", "rated_kva")).isEqualByComparingTo("0");
        assertThat(Values.number("1e-999999999", "rated_kva")).isEqualByComparingTo("0");
        assertThat(Values.number(400.00000000000006, "rated_kva")).isEqualByComparingTo("400.00000000000006");
        assertThat(Values.number("123456789012345", "rated_kva")).isEqualByComparingTo("123456789012345");
        assertThatThrownBy(() -> Values.number("1234567890123456", "rated_kva")).isInstanceOf(RecordRejected.class);
        assertThat(Values.number("0." + "3".repeat(60), "power_factor").precision()).isEqualTo(34);
    }
}

package io.gridhub.siting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Property(tries = 2000)
    void writesWhatStringFormatWrites(@ForAll @DoubleRange(min = 0, max = 1e9) double v,
                                      @ForAll @IntRange(min = 0, max = 3) int places) {
        assertThat(Decimals.fixed(v, places)).isEqualTo(String.format(Locale.ROOT, "%." + places + "f", v));
    }

    @Test
    void roundsTheShortestDecimalHalfUp() {
        assertThat(Decimals.fixed(0.125, 2)).isEqualTo("0.13");
        assertThat(Decimals.fixed(1.0005, 3)).isEqualTo(String.format(Locale.ROOT, "%.3f", 1.0005));
        assertThat(Decimals.fixed(2.5, 0)).isEqualTo("3");
        assertThat(Decimals.fixed(12_345_678.9, 0)).isEqualTo("12345679");
        assertThat(Decimals.fixed(-3.25, 1)).isEqualTo("-3.3");
        assertThat(Decimals.fixed(Double.NaN, 1)).isEqualTo("NaN");
    }
}

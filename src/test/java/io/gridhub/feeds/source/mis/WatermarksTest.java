package io.gridhub.feeds.source.mis;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WatermarksTest {

    @Test
    void aTimeWatermarkMovesBackByTheLookBack() {
        assertThat(Watermarks.lookBack("2025-11-30T17:06:00Z", Duration.ofMinutes(10))).isEqualTo("2025-11-30T16:56:00Z");
        assertThat(Watermarks.lookBack("2025-11-30T17:06:00.250Z", Duration.ofMinutes(10))).isEqualTo("2025-11-30T16:56:00.250Z");
        // a date watermark moves back by whole days, rounded up
        assertThat(Watermarks.lookBack("2025-11-30", Duration.ofMinutes(10))).isEqualTo("2025-11-29");
        assertThat(Watermarks.lookBack("2025-11-30", Duration.ofDays(2))).isEqualTo("2025-11-28");
    }

    @Test
    void numbersOtherTextNoneAndZeroAreBoundAsStored() {
        assertThat(Watermarks.lookBack("123456", Duration.ofMinutes(10))).isEqualTo("123456");
        assertThat(Watermarks.lookBack("v-17", Duration.ofMinutes(10))).isEqualTo("v-17");
        assertThat(Watermarks.lookBack(null, Duration.ofMinutes(10))).isNull();
        assertThat(Watermarks.lookBack("2025-11-30T17:06:00Z", Duration.ZERO)).isEqualTo("2025-11-30T17:06:00Z");
    }

    @Test
    void theHigherWatermarkWinsComparedByValueNotText() {
        // as text "…00Z" sorts after "…00.5Z": by value it is earlier
        assertThat(Watermarks.max("2025-11-30T17:06:00Z", "2025-11-30T17:06:00.500Z")).isEqualTo("2025-11-30T17:06:00.500Z");
        assertThat(Watermarks.max("2025-11-30T17:06:00Z", "2025-11-30T16:56:00Z")).isEqualTo("2025-11-30T17:06:00Z");
        assertThat(Watermarks.max("9", "10")).isEqualTo("10");
        assertThat(Watermarks.max("1e999999999", "10")).isEqualTo("1e999999999"); // compared as text, never expanded
        assertThat(Watermarks.max(null, "10")).isEqualTo("10");
        assertThat(Watermarks.max("2025-11-30", null)).isEqualTo("2025-11-30");
    }
}

package io.gridhub.feeds.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import io.gridhub.grid.AssetType;
import org.junit.jupiter.api.Test;

import static io.gridhub.feeds.mapping.AssetMapperTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadMapperTest {

    @Test
    void readsTheMisMonthlyExport() {
        MappedLoad l = new LoadMapper(Map.of()).map(record("SBBM", "DT-1", "SBLX", "PB", "TJYF", "2025-11",
                "ZDFH_KW", "146.6", "GLYS", "0.87", "CJSJ", "2025-11-14T18:00:00"));
        assertThat(l.assetType()).isEqualTo(AssetType.DISTRIBUTION_TRANSFORMER);
        assertThat(l.periodStart()).isEqualTo(LocalDate.of(2025, 11, 1));
        assertThat(l.periodEnd()).isEqualTo(LocalDate.of(2025, 11, 30));
        assertThat(l.peakKw()).isEqualByComparingTo("146.6");
        assertThat(l.measuredAt()).isEqualTo(Instant.parse("2025-11-14T10:00:00Z")); // no offset: China Standard Time
    }

    @Test
    void megawattsBecomeKilowattsAndMonthsComeInSeveralSpellings() {
        LoadMapper m = new LoadMapper(Map.of("peak_kw", new FieldMapping("ZDFH", "MW", null, null, null, null, null)));
        MappedLoad l = m.map(record("SBBM", "F-1", "SBLX", "线路", "TJYF", "202512", "ZDFH", 3.25));
        assertThat(l.peakKw()).isEqualByComparingTo(new BigDecimal("3250"));
        assertThat(l.assetType()).isEqualTo(AssetType.FEEDER);
        assertThat(m.map(record("SBBM", "F-1", "SBLX", "XL", "TJYF", "2025年3月", "ZDFH", 1)).periodStart())
                .isEqualTo(LocalDate.of(2025, 3, 1));
        assertThatThrownBy(() -> m.map(record("SBBM", "F-1", "SBLX", "XX", "TJYF", "2025-03", "ZDFH", 1)))
                .hasMessage("unknown equipment type code 'XX'");
        assertThatThrownBy(() -> m.map(record("SBBM", "F-1", "SBLX", "XL", "TJYF", "March", "ZDFH", 1)))
                .hasMessageContaining("not a month");
        assertThatThrownBy(() -> new LoadMapper(Map.of("peak_kw", new FieldMapping("Z", "MVA", null, null, null, null, null))))
                .hasMessageContaining("not active power");
    }
}

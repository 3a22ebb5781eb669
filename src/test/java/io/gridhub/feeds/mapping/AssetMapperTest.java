package io.gridhub.feeds.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.feeds.source.SourceAttributes;
import io.gridhub.feeds.source.SourceRecord;
import io.gridhub.grid.AssetSchema;
import io.gridhub.grid.AssetType;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssetMapperTest {

    static SourceRecord record(Object... kv) {
        SourceAttributes a = new SourceAttributes();
        for (int i = 0; i < kv.length; i += 2) {
            a.put((String) kv[i], kv[i + 1]);
        }
        return new SourceRecord(a, new GeometryFactory().createPoint(new Coordinate(109.98, 39.81)), null, () -> "raw");
    }

    static Object value(MappedAsset a, String field) {
        return a.value(AssetSchema.fields(a.type()), field);
    }

    final SourceCrs cgcs = SourceCrs.of("EPSG:4490");

    @Test
    void attributeNamesAreCaseInsensitiveAndNumbersMayBeText() {
        AssetMapper m = new AssetMapper(AssetType.DISTRIBUTION_TRANSFORMER, Map.of(
                "source_id", FieldMapping.of("SBBM"), "rated_kva", FieldMapping.of("EDRL"),
                "feeder_ref", FieldMapping.of("SSXL"), "kind", new FieldMapping("LX", null, null, null, null, null, "柱上变=POLE_MOUNTED"),
                "ownership", new FieldMapping("SYQ", null, null, null, null, "PUBLIC", null)), cgcs);
        MappedAsset a = m.map(record("sbbm", "PB-1", "edrl", " 1,250 ", "Ssxl", "FDR-1", "lx", "柱上变", "jd", 12));
        assertThat(a.sourceId()).isEqualTo("PB-1");
        assertThat((BigDecimal) value(a, "rated_kva")).isEqualByComparingTo("1250");
        assertThat(value(a, "kind")).isEqualTo("POLE_MOUNTED");
        assertThat(value(a, "ownership")).isEqualTo("PUBLIC"); // constant when the source has none
        assertThat(a.attributesJson()).isEqualTo("{\"jd\":12}");
        assertThat(a.geometry().getSRID()).isEqualTo(4490);
    }

    @Test
    void mvaBecomesKvaAndTheRecordsOwnUnitWins() {
        AssetMapper m = new AssetMapper(AssetType.MAIN_TRANSFORMER, Map.of(
                "rated_kva", new FieldMapping("EDRL", "MVA", "DW", null, null, null, null)), cgcs);
        assertThat((BigDecimal) value(m.map(record("source_id", "MT-1", "substation_ref", "S", "EDRL", "31.5")), "rated_kva"))
                .isEqualByComparingTo("31500");
        assertThat((BigDecimal) value(m.map(record("source_id", "MT-1", "substation_ref", "S", "EDRL", 40000, "DW", "kVA")), "rated_kva"))
                .isEqualByComparingTo("40000");
        assertThatThrownBy(() -> m.map(record("source_id", "MT-1", "substation_ref", "S", "EDRL", 1, "DW", "hp")))
                .isInstanceOf(RecordRejected.class).hasMessage("rated_kva: unknown unit 'hp'");
    }

    @Test
    void ratedCurrentAtAVoltageBecomesThreePhaseKva() {
        AssetMapper fixed = new AssetMapper(AssetType.FEEDER, Map.of(
                "rated_kva", new FieldMapping("EDDL", "A", null, 10.0, null, null, null),
                "rated_current_a", FieldMapping.of("EDDL")), cgcs);
        MappedAsset f = fixed.map(record("source_id", "F1", "substation_ref", "S", "EDDL", "400"));
        // √3 · 10 kV · 400 A = 6928.2 kVA
        assertThat(((BigDecimal) value(f, "rated_kva")).doubleValue()).isCloseTo(6928.203, org.assertj.core.data.Offset.offset(0.001));
        assertThat((BigDecimal) value(f, "rated_current_a")).isEqualByComparingTo("400");
        AssetMapper perRecord = new AssetMapper(AssetType.FEEDER, Map.of(
                "rated_kva", new FieldMapping("EDDL", "A", null, null, "DYDJ", null, null)), cgcs);
        assertThat(((BigDecimal) value(perRecord.map(record("source_id", "F2", "substation_ref", "S", "EDDL", 600, "DYDJ", "20")),
                "rated_kva")).doubleValue()).isCloseTo(20784.61, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void mistakesInTheMappingAreConfigurationErrors() {
        assertThatThrownBy(() -> new AssetMapper(AssetType.POLE, Map.of("rated_kva", FieldMapping.of("X")), cgcs))
                .hasMessageContaining("not a field of pole");
        assertThatThrownBy(() -> new AssetMapper(AssetType.FEEDER, Map.of("rated_kva",
                new FieldMapping("X", "furlong", null, null, null, null, null)), cgcs)).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> new AssetMapper(AssetType.FEEDER, Map.of("rated_kva",
                new FieldMapping("X", "kV", null, null, null, null, null)), cgcs)).hasMessageContaining("cannot convert KV");
        assertThatThrownBy(() -> new AssetMapper(AssetType.FEEDER, Map.of("rated_kva",
                new FieldMapping("X", "A", null, null, null, null, null)), cgcs)).hasMessageContaining("only at a voltage");
        assertThatThrownBy(() -> new FieldMapping("X", null, null, null, null, null, "柱上变")).hasMessageContaining("code=VALUE");
    }

    @Test
    void aMissingIdOrANonNumberIsARejectedRecord() {
        AssetMapper m = new AssetMapper(AssetType.FEEDER, Map.of(), cgcs);
        assertThatThrownBy(() -> m.map(record("name", "x"))).isInstanceOf(RecordRejected.class).hasMessageContaining("source id");
        assertThatThrownBy(() -> m.map(record("source_id", "F", "rated_kva", "大"))).hasMessage("rated_kva '大' is not a number");
        assertThat(value(m.map(record("source_id", "F", "tie_feeder_refs", "F2、F3, F4")), "tie_feeder_refs"))
                .isEqualTo(List.of("F2", "F3", "F4"));
    }

    @Test
    void gaussKrugerCoordinatesArriveAsCgcs2000() {
        AssetMapper m = new AssetMapper(AssetType.POLE, Map.of(), SourceCrs.of("EPSG:4546"));
        SourceAttributes a = new SourceAttributes().put("source_id", "P").put("feeder_ref", "F");
        MappedAsset p = m.map(new SourceRecord(a, new GeometryFactory().createPoint(new Coordinate(500_000, 4_407_000)), null, () -> ""));
        assertThat(p.geometry().getCoordinate().x).isCloseTo(111.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}

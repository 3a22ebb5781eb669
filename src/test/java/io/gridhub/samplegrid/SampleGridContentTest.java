package io.gridhub.samplegrid;

import static io.gridhub.samplegrid.GeneratedGrid.number;
import static io.gridhub.samplegrid.GeneratedGrid.point;
import static io.gridhub.samplegrid.GeneratedGrid.prop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * A 20,000-asset grid read back file by file: the physical and referential facts the hub's siting
 * and capacity checks will rely on.
 */
class SampleGridContentTest {

    private static final Set<Double> DISTRIBUTION_KVA = Set.of(50.0, 63.0, 80.0, 100.0, 125.0, 160.0, 200.0, 250.0,
            315.0, 400.0, 500.0, 630.0, 800.0, 1000.0, 1250.0, 1600.0);

    @TempDir
    static Path temp;

    static GeneratedGrid grid;
    static SampleGridGenerator.Result result;

    @BeforeAll
    static void generate() {
        result = SampleGridGenerator.generate(SampleGridSpec.forAssets(SampleGridSpec.DEFAULT_SEED, 20_000), temp);
        grid = new GeneratedGrid(temp);
    }

    @Test
    void manifestCountsMatchTheFiles() {
        assertThat(result.assets()).isBetween(20_000L, 26_000L);
        long features = grid.features.values().stream().mapToLong(List::size).sum();
        assertThat(features).isEqualTo(result.assets());
        grid.features.forEach((table, list) ->
                assertThat(result.counts().get(table + ".geojsonl")).as(table).isEqualTo(list.size()));
        assertThat(result.counts().get("loads.csv")).isEqualTo(grid.loads.size());
    }

    @Test
    void idsAreUniqueAcrossFilesAndStationAndFeederNamesAreUnique() {
        long features = grid.features.values().stream().mapToLong(List::size).sum();
        assertThat(grid.byId).hasSize((int) features);
        for (String table : new String[] {"substation", "feeder"}) {
            List<String> names = grid.all(table).stream().map(f -> prop(f, "name")).toList();
            assertThat(names).as(table).doesNotHaveDuplicates();
        }
        assertThat(grid.all("substation")).extracting(s -> prop(s, "name"))
                .contains("康巴什110kV变电站", "东胜110kV变电站");
    }

    @Test
    void everyDistributionTransformerStandsWithin50MetresOfItsOwnFeeder() {
        for (JsonNode dt : grid.all("distribution_transformer")) {
            Coordinate at = point(dt);
            JsonNode feeder = grid.byId.get(prop(dt, "feeder_ref"));
            Point origin = new GeometryFactory().createPoint(new Coordinate(0, 0));
            double metres = GeneratedGrid.linesInMetres(feeder, at).stream()
                    .mapToDouble(line -> line.distance(origin)).min().orElseThrow();
            assertThat(metres).as(prop(dt, "source_id")).isLessThanOrEqualTo(50);
        }
    }

    @Test
    void ratingsAreStandardSizes() {
        for (JsonNode dt : grid.all("distribution_transformer")) {
            double kva = number(dt, "rated_kva");
            assertThat(DISTRIBUTION_KVA).as(prop(dt, "source_id")).contains(kva);
            if ("POLE_MOUNTED".equals(prop(dt, "kind"))) {
                assertThat(kva).isBetween(50.0, 400.0);
            } else {
                assertThat(kva).isBetween(400.0, 1600.0);
            }
        }
        for (JsonNode mt : grid.all("main_transformer")) {
            double voltage = number(grid.byId.get(prop(mt, "substation_ref")), "voltage_kv");
            Set<Double> standard = voltage == 110 ? Set.of(31_500.0, 40_000.0, 50_000.0, 63_000.0)
                    : Set.of(5_000.0, 8_000.0, 10_000.0, 20_000.0);
            assertThat(standard).as(prop(mt, "source_id")).contains(number(mt, "rated_kva"));
        }
        for (JsonNode feeder : grid.all("feeder")) {
            double expected = Math.round(Math.sqrt(3) * 10 * number(feeder, "rated_current_a") * 10) / 10.0;
            assertThat(number(feeder, "rated_kva")).isEqualTo(expected);
        }
    }

    @Test
    void everyReferenceResolvesToTheRightKind() {
        assertRefs("main_transformer", "substation_ref", "SUB-");
        assertRefs("busbar", "substation_ref", "SUB-");
        assertRefs("busbar", "main_transformer_ref", "MT-");
        assertRefs("feeder", "substation_ref", "SUB-");
        assertRefs("feeder", "busbar_ref", "BUS-");
        assertRefs("feeder_section", "feeder_ref", "FDR-");
        assertRefs("pole", "feeder_ref", "FDR-");
        assertRefs("ring_main_unit", "feeder_ref", "FDR-");
        assertRefs("distribution_transformer", "feeder_ref", "FDR-");
        for (JsonNode dt : grid.all("distribution_transformer")) {
            String pole = prop(dt, "pole_ref");
            String rmu = prop(dt, "ring_main_unit_ref");
            assertThat(pole == null).as("exactly one of pole_ref, ring_main_unit_ref").isNotEqualTo(rmu == null);
            JsonNode mount = grid.byId.get(pole != null ? pole : rmu);
            assertThat(mount).isNotNull();
            assertThat(prop(mount, "feeder_ref")).isEqualTo(prop(dt, "feeder_ref"));
        }
        for (JsonNode busbarFeeder : grid.all("feeder")) {
            assertThat(prop(grid.byId.get(prop(busbarFeeder, "busbar_ref")), "substation_ref"))
                    .isEqualTo(prop(busbarFeeder, "substation_ref"));
        }
    }

    @Test
    void tiesAreSymmetricBetweenExistingFeedersOnOtherBusbars() {
        int tied = 0;
        for (JsonNode feeder : grid.all("feeder")) {
            JsonNode ties = feeder.path("properties").path("tie_feeder_refs");
            assertThat(ties.isArray()).isTrue();
            assertThat(ties.size()).isLessThanOrEqualTo(3);
            tied += ties.size() > 0 ? 1 : 0;
            for (JsonNode tie : ties) {
                JsonNode other = grid.byId.get(tie.asText());
                assertThat(other).as(tie.asText()).isNotNull();
                assertThat(prop(other, "source_id")).startsWith("FDR-");
                assertThat(prop(other, "busbar_ref")).isNotEqualTo(prop(feeder, "busbar_ref"));
                List<String> back = new ArrayList<>();
                other.path("properties").path("tie_feeder_refs").forEach(n -> back.add(n.asText()));
                assertThat(back).contains(prop(feeder, "source_id"));
            }
        }
        assertThat(tied).isGreaterThan(grid.all("feeder").size() / 4);
    }

    @Test
    void everyCoordinateLiesInsideOrdos() {
        GridShape.Extent ordos = GridShape.ORDOS;
        grid.features.forEach((table, list) -> {
            for (JsonNode feature : list) {
                for (Coordinate c : GeneratedGrid.positions(feature)) {
                    assertThat(ordos.contains(c.x, c.y)).as(table + " " + prop(feature, "source_id") + " " + c).isTrue();
                }
            }
        });
    }

    @Test
    void polesAre40To60MetresApartAlongEachLine() {
        // pole numbers "10kV康01-03线#012" (trunk) and "10kV康01-03线1支#005" (branch 1) name the line
        Map<String, TreeMap<Integer, Coordinate>> lines = new TreeMap<>();
        for (JsonNode pole : grid.all("pole")) {
            String[] number = prop(pole, "pole_number").split("#");
            lines.computeIfAbsent(number[0], k -> new TreeMap<>()).put(Integer.parseInt(number[1]), point(pole));
        }
        int spans = 0;
        for (Map.Entry<String, TreeMap<Integer, Coordinate>> line : lines.entrySet()) {
            Coordinate previous = null;
            int previousNumber = 0;
            for (Map.Entry<Integer, Coordinate> pole : line.getValue().entrySet()) {
                assertThat(pole.getKey()).isEqualTo(previousNumber + 1);
                if (previous != null) {
                    double metres = LocalMetres.at(previous.y).distance(previous, pole.getValue());
                    // 0.1 m for 7-decimal rounding and the local projection
                    assertThat(metres).as(line.getKey() + "#" + pole.getKey()).isBetween(39.9, 60.1);
                    spans++;
                }
                previous = pole.getValue();
                previousNumber = pole.getKey();
            }
        }
        assertThat(spans).isGreaterThan(1000);
    }

    @Test
    void feederSectionsCoverTheFeederAndPolesStandOnOverheadSections() {
        Map<String, Double> sectionMetres = new HashMap<>();
        Set<String> overheadFeeders = new HashSet<>();
        for (JsonNode section : grid.all("feeder_section")) {
            assertThat(section.path("geometry").path("type").asText()).isEqualTo("LineString");
            assertThat(prop(section, "line_kind")).isIn("OVERHEAD", "CABLE");
            if ("OVERHEAD".equals(prop(section, "line_kind"))) {
                overheadFeeders.add(prop(section, "feeder_ref"));
            }
            sectionMetres.merge(prop(section, "feeder_ref"), metres(section), Double::sum);
        }
        for (JsonNode feeder : grid.all("feeder")) {
            assertThat(feeder.path("geometry").path("type").asText()).isEqualTo("MultiLineString");
            assertThat(sectionMetres.get(prop(feeder, "source_id"))).isCloseTo(metres(feeder),
                    org.assertj.core.data.Percentage.withPercentage(0.01));
        }
        for (JsonNode pole : grid.all("pole")) {
            assertThat(overheadFeeders).contains(prop(pole, "feeder_ref"));
        }
        for (JsonNode rmu : grid.all("ring_main_unit")) {
            assertThat(number(rmu, "total_bays")).isBetween(4.0, 8.0);
            assertThat(number(rmu, "spare_bays")).isBetween(0.0, number(rmu, "total_bays"));
        }
        assertThat(grid.all("ring_main_unit")).anyMatch(r -> number(r, "spare_bays") == 0)
                .anyMatch(r -> number(r, "spare_bays") >= 2);
    }

    @Test
    void someTransformersAreNearlyFullMostHaveRoomAndSomeHaveNoLoadData() {
        Map<String, Double> peakKva = new HashMap<>();
        for (GeneratedGrid.LoadRow row : grid.loads) {
            double pf = row.powerFactor() == null ? 0.9 : row.powerFactor();
            peakKva.merge(row.ref(), row.peakKw() / pf, Math::max);
        }
        List<JsonNode> dts = grid.all("distribution_transformer");
        long measured = dts.stream().filter(dt -> peakKva.containsKey(prop(dt, "source_id"))).count();
        long above80 = dts.stream().filter(dt -> peakKva.getOrDefault(prop(dt, "source_id"), 0.0)
                > 0.8 * number(dt, "rated_kva")).count();
        long above100 = dts.stream().filter(dt -> peakKva.getOrDefault(prop(dt, "source_id"), 0.0)
                > number(dt, "rated_kva")).count();

        assertThat(dts.size() - measured).as("transformers without load rows").isBetween(
                (long) (dts.size() * 0.005), (long) (dts.size() * 0.05));
        assertThat(above80).isGreaterThan(dts.size() / 20).isLessThan(dts.size() / 4);
        assertThat(above100).isPositive();
        assertThat(grid.all("feeder")).anyMatch(f -> peakKva.containsKey(prop(f, "source_id")))
                .anyMatch(f -> !peakKva.containsKey(prop(f, "source_id")));
        assertThat(grid.loads).allSatisfy(row -> {
            assertThat(row.type()).isIn("PB", "XL", "ZB");
            assertThat(row.month()).matches("20\\d\\d-\\d\\d");
            assertThat(row.measuredAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00")
                    .startsWith(row.month());
            assertThat(grid.byId).containsKey(row.ref());
        });
    }

    @Test
    void feederPeaksFollowTheirTransformersAndMainTransformersTheirFeeders() {
        Map<String, Double> yearPeakKw = new HashMap<>();
        for (GeneratedGrid.LoadRow row : grid.loads) {
            yearPeakKw.merge(row.ref(), row.peakKw(), Math::max);
        }
        Map<String, Double> transformerSum = new HashMap<>();
        for (JsonNode dt : grid.all("distribution_transformer")) {
            transformerSum.merge(prop(dt, "feeder_ref"), yearPeakKw.getOrDefault(prop(dt, "source_id"), 0.0), Double::sum);
        }
        for (JsonNode feeder : grid.all("feeder")) {
            Double peak = yearPeakKw.get(prop(feeder, "source_id"));
            double sum = transformerSum.getOrDefault(prop(feeder, "source_id"), 0.0);
            if (peak != null && sum > 0) {
                // diversity 0.65–0.85 × (1 + 0.3–1.2 unmodelled); unmetered transformers lower the measured sum
                assertThat(peak / sum).as(prop(feeder, "source_id")).isBetween(0.3, 2.6);
            }
        }
        Map<String, Double> substationFeeders = new HashMap<>();
        for (JsonNode feeder : grid.all("feeder")) {
            substationFeeders.merge(prop(feeder, "substation_ref"),
                    yearPeakKw.getOrDefault(prop(feeder, "source_id"), 0.0), Double::sum);
        }
        Map<String, Double> substationMains = new HashMap<>();
        for (JsonNode mt : grid.all("main_transformer")) {
            substationMains.merge(prop(mt, "substation_ref"), yearPeakKw.getOrDefault(prop(mt, "source_id"), 0.0),
                    Double::sum);
        }
        substationMains.forEach((substation, mains) -> {
            if (mains > 0) {
                assertThat(mains / substationFeeders.get(substation)).as(substation).isBetween(0.3, 1.6);
            }
        });
    }

    /** Length in metres, span by span at each span's own latitude. */
    private static double metres(JsonNode feature) {
        JsonNode geometry = feature.path("geometry");
        List<JsonNode> parts = new ArrayList<>();
        if ("MultiLineString".equals(geometry.path("type").asText())) {
            geometry.path("coordinates").forEach(parts::add);
        } else {
            parts.add(geometry.path("coordinates"));
        }
        double metres = 0;
        for (JsonNode part : parts) {
            for (int i = 1; i < part.size(); i++) {
                Coordinate a = new Coordinate(part.get(i - 1).get(0).asDouble(), part.get(i - 1).get(1).asDouble());
                Coordinate b = new Coordinate(part.get(i).get(0).asDouble(), part.get(i).get(1).asDouble());
                metres += LocalMetres.at(a.y).distance(a, b);
            }
        }
        return metres;
    }

    private static void assertRefs(String table, String column, String prefix) {
        for (JsonNode feature : grid.all(table)) {
            String ref = prop(feature, column);
            assertThat(ref).as(table + "." + column).startsWith(prefix);
            assertThat(grid.byId).as(table + "." + column + " → " + ref).containsKey(ref);
        }
    }
}

package io.gridhub.feeds;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gridhub.HubIntegrationTest;
import io.gridhub.grid.AssetType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.gridhub.feeds.TestGrid.features;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file-drop feed against the real PostGIS: every format, broken files going to error/ with a
 * reason, record-level quarantine, unchanged re-runs, retirement, and a merge that fails half-way
 * leaving the previous state intact.
 */
@HubIntegrationTest
// Each test sets up the state it needs (see emptyFeed, knownGrid); they run by name, which is not
// the order they are written in, so a test that leans on another's leftovers fails here.
@TestMethodOrder(MethodOrderer.MethodName.class)
class FileDropFeedIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FeedRunRepository runs;
    @Autowired
    FeedRunService service;

    /** Every test starts from a feed that holds nothing, whatever ran before it. */
    @BeforeEach
    void emptyFeed() {
        for (AssetType type : AssetType.values()) {
            jdbc.update("DELETE FROM " + type.qualifiedTable() + " WHERE feed_id = 'test-drop'");
        }
    }

    /**
     * The known grid (TestGrid) in the feed, loaded as {@link #everyFormatLoadsTheKnownGrid} loads
     * it but straight through the run service, so no inbox poll is waited for.
     */
    private void knownGrid() throws Exception {
        Path dir = Files.createTempDirectory("known-grid");
        List<List<Path>> runsInOrder = List.of(
                List.of(write(dir, "substation.geojson", TestGrid.featureCollection(features(AssetType.SUBSTATION)))),
                List.of(write(dir, "feeder.geojsonl", TestGrid.geoJsonSeq(features(AssetType.FEEDER)))),
                List.of(write(dir, "feeder_section.csv", TestGrid.csvWkt(features(AssetType.FEEDER_SECTION)))),
                List.of(write(dir, "pole.geojsonl", TestGrid.geoJsonSeq(features(AssetType.POLE))),
                        write(dir, "distribution_transformer.geojson",
                                TestGrid.featureCollection(features(AssetType.DISTRIBUTION_TRANSFORMER)))));
        for (List<Path> files : runsInOrder) {
            FeedRun run = service.runFiles("test-drop", files);
            assertThat(run.status()).as(run.error()).isEqualTo("SUCCEEDED");
        }
        assertThat(count("pole", "test-drop")).isEqualTo(TestGrid.POLES);
    }

    private static Path write(Path dir, String name, String text) throws java.io.IOException {
        Path file = dir.resolve(name);
        TestGrid.write(file, text);
        return file;
    }

    long count(String table, String feed) {
        return jdbc.queryForObject("SELECT count(*) FROM grid." + table + " WHERE feed_id = ? AND lifecycle = 'IN_SERVICE'",
                Long.class, feed);
    }

    @Test
    void everyFormatLoadsTheKnownGrid() throws Exception {
        FeedRun sub = FeedRuns.drop(jdbc, runs, "test-drop", "substation.geojson",
                TestGrid.featureCollection(features(AssetType.SUBSTATION)));
        assertThat(sub.status()).as(sub.error()).isEqualTo("SUCCEEDED");
        assertThat(sub.inserted()).isEqualTo(2);

        FeedRun feeders = FeedRuns.drop(jdbc, runs, "test-drop", "feeder.geojsonl",
                TestGrid.geoJsonSeq(features(AssetType.FEEDER)));
        assertThat(feeders.status()).as(feeders.error()).isEqualTo("SUCCEEDED");
        assertThat(feeders.inserted()).isEqualTo(3);

        FeedRun sections = FeedRuns.drop(jdbc, runs, "test-drop", "feeder_section.csv",
                TestGrid.csvWkt(features(AssetType.FEEDER_SECTION)));
        assertThat(sections.status()).as(sections.error()).isEqualTo("SUCCEEDED");
        assertThat(sections.inserted()).isEqualTo(2);

        FeedRun zipped = FeedRuns.drop(jdbc, runs, "test-drop", "grid-2025-11.zip", TestGrid.zip(Map.of(
                "export/pole.geojsonl", TestGrid.geoJsonSeq(features(AssetType.POLE)),
                "export/distribution_transformer.geojson",
                TestGrid.featureCollection(features(AssetType.DISTRIBUTION_TRANSFORMER)))));
        assertThat(zipped.status()).as(zipped.error()).isEqualTo("SUCCEEDED");
        assertThat(zipped.read()).isEqualTo(TestGrid.POLES + TestGrid.TRANSFORMERS);
        assertThat(zipped.inserted()).isEqualTo(TestGrid.POLES + TestGrid.TRANSFORMERS);
        assertThat(zipped.quarantined()).isZero();
        assertThat(Files.exists(FeedRuns.inbox("test-drop").resolveSibling("done").resolve("grid-2025-11.zip"))).isTrue();

        assertThat(count("pole", "test-drop")).isEqualTo(TestGrid.POLES);
        assertThat(count("distribution_transformer", "test-drop")).isEqualTo(TestGrid.TRANSFORMERS);
        // geometry exactly as sent
        assertThat(jdbc.queryForObject("SELECT ST_AsText(geom) FROM grid.pole WHERE feed_id = 'test-drop' AND source_id = 'POLE-010'",
                String.class)).isEqualTo("POINT(109.958 39.802)");
        assertThat(jdbc.queryForObject("SELECT tie_feeder_refs[1] FROM grid.feeder WHERE source_id = 'FDR-B1'", String.class))
                .isEqualTo("FDR-A1");
        // FDR-S has no line of its own: its two sections, merged where they touch, make it
        assertThat(jdbc.queryForObject("SELECT ST_AsText(geom) FROM grid.feeder WHERE source_id = 'FDR-S'", String.class))
                .isEqualTo("MULTILINESTRING((109.95 39.8,109.955 39.79,109.96 39.785))");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid.feeder_section WHERE feeder_ref = 'FDR-S'", Long.class))
                .isEqualTo(2);
    }

    @Test
    void anUnchangedSnapshotRewritesNothingAndAChangedOneOnlyWhatChanged() throws Exception {
        knownGrid();
        java.sql.Timestamp before = jdbc.queryForObject(
                "SELECT max(updated_at) FROM grid.pole WHERE feed_id = 'test-drop'", java.sql.Timestamp.class);
        FeedRun same = FeedRuns.drop(jdbc, runs, "test-drop", "pole.geojsonl", TestGrid.geoJsonSeq(features(AssetType.POLE)));
        assertThat(same.status()).isEqualTo("SUCCEEDED");
        assertThat(same.unchanged()).isEqualTo(TestGrid.POLES);
        assertThat(same.inserted() + same.updated() + same.retired()).isZero();
        assertThat(jdbc.queryForObject("SELECT max(updated_at) FROM grid.pole WHERE feed_id = 'test-drop'",
                java.sql.Timestamp.class)).isEqualTo(before);

        List<TestGrid.Feature> poles = new ArrayList<>(features(AssetType.POLE));
        poles.remove(poles.size() - 1);
        poles.remove(poles.size() - 1);
        poles.set(0, TestGrid.f("POLE-001", TestGrid.point(109.9509, 39.8003), "name", "moved", "feeder_ref", "FDR-A1"));
        FeedRun changed = FeedRuns.drop(jdbc, runs, "test-drop", "pole.geojsonl", TestGrid.geoJsonSeq(poles));
        assertThat(changed.status()).isEqualTo("SUCCEEDED");
        assertThat(changed.updated()).isEqualTo(1);
        assertThat(changed.retired()).isEqualTo(2);
        assertThat(changed.unchanged()).isEqualTo(TestGrid.POLES - 3);
        assertThat(changed.extent()).containsExactly(109.9509, 39.8003, 109.9684, 39.8046);
        assertThat(jdbc.queryForObject("SELECT lifecycle FROM grid.pole WHERE source_id = 'POLE-023'", String.class))
                .isEqualTo("RETIRED");

        // back again: the retired poles return to service
        FeedRun restored = FeedRuns.drop(jdbc, runs, "test-drop", "pole.geojsonl", TestGrid.geoJsonSeq(features(AssetType.POLE)));
        assertThat(restored.updated()).isEqualTo(3);
        assertThat(count("pole", "test-drop")).isEqualTo(TestGrid.POLES);

        // a change set (*.delta.*) on this full-snapshot feed: applied without retiring the rest
        FeedRun delta = FeedRuns.drop(jdbc, runs, "test-drop", "pole.delta.geojsonl", TestGrid.geoJsonSeq(List.of(
                TestGrid.f("POLE-005", TestGrid.point(109.9541, 39.8011), "name", "改", "feeder_ref", "FDR-A1"))));
        assertThat(delta.updated()).isEqualTo(1);
        assertThat(delta.retired()).isZero();
        assertThat(count("pole", "test-drop")).isEqualTo(TestGrid.POLES);
        assertThat(FeedRuns.drop(jdbc, runs, "test-drop", "pole.geojsonl", TestGrid.geoJsonSeq(features(AssetType.POLE)))
                .updated()).isEqualTo(1);
    }

    @Test
    void badRecordsAreQuarantinedWithReasonsAndTheRunGoesOn() throws Exception {
        knownGrid();
        List<String> lines = new ArrayList<>();
        for (TestGrid.Feature f : features(AssetType.DISTRIBUTION_TRANSFORMER)) {
            lines.add(TestGrid.json(f));
        }
        lines.add(TestGrid.json(TestGrid.f("DT-01", TestGrid.point(109.96, 39.81), "kind", "BOX_TYPE",
                "ownership", "PUBLIC", "rated_kva", 400, "feeder_ref", "FDR-A1")));                          // duplicate id
        lines.add(TestGrid.json(TestGrid.f("DT-X1", TestGrid.point(116.39, 39.90), "kind", "BOX_TYPE",
                "ownership", "PUBLIC", "rated_kva", 400, "feeder_ref", "FDR-A1")));                          // Beijing
        lines.add(TestGrid.json(TestGrid.f("DT-X2", TestGrid.point(109.96, 39.81), "kind", "BOX_TYPE",
                "ownership", "PUBLIC", "rated_kva", -5, "feeder_ref", "FDR-A1")));                            // negative
        lines.add(TestGrid.json(TestGrid.f("DT-X3", TestGrid.point(109.96, 39.81), "kind", "BOX_TYPE",
                "ownership", "PUBLIC", "rated_kva", 90000, "feeder_ref", "FDR-A1")));                         // implausible
        lines.add(TestGrid.json(TestGrid.f("DT-X4", null, "kind", "BOX_TYPE",
                "ownership", "PUBLIC", "rated_kva", 400, "feeder_ref", "FDR-A1")));                           // no geometry
        lines.add("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\"NaN\",39.8]},"
                + "\"properties\":{\"source_id\":\"DT-X5\",\"kind\":\"BOX_TYPE\",\"ownership\":\"PUBLIC\",\"rated_kva\":\"400\",\"feeder_ref\":\"FDR-A1\"}}");
        lines.add(TestGrid.json(TestGrid.f("DT-X6", TestGrid.point(109.96, 39.81), "kind", "柱上",
                "ownership", "PUBLIC", "rated_kva", 400, "feeder_ref", "FDR-A1")));                           // unknown code
        lines.add(TestGrid.json(TestGrid.f("DT-X7", TestGrid.line(new double[][] {{109.96, 39.81}, {109.97, 39.82}}),
                "kind", "BOX_TYPE", "ownership", "PUBLIC", "rated_kva", 400, "feeder_ref", "FDR-A1")));      // wrong type
        lines.add(TestGrid.json(TestGrid.f("DT-X8", TestGrid.point(109.96, 39.81), "kind", "BOX_TYPE",
                "ownership", "PUBLIC", "rated_kva", "1,250", "feeder_ref", "FDR-NONE")));                     // unknown feeder: flagged
        lines.add(TestGrid.json(TestGrid.f("DT-X9", TestGrid.point(109.96, 39.81), "kind", "BOX_TYPE",
                "ownership", "PUBLIC", "rated_kva", "四百", "feeder_ref", "FDR-A1")));                          // not a number
        FeedRun run = FeedRuns.drop(jdbc, runs, "test-drop", "distribution_transformer.geojsonl", String.join("\n", lines));
        assertThat(run.status()).as(run.error()).isEqualTo("SUCCEEDED");
        assertThat(run.read()).isEqualTo(TestGrid.TRANSFORMERS + 10);
        assertThat(run.quarantined()).isEqualTo(9);
        assertThat(run.flagged()).isEqualTo(1);
        assertThat(run.inserted()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT rated_kva FROM grid.distribution_transformer WHERE source_id = 'DT-X8'",
                java.math.BigDecimal.class)).isEqualByComparingTo("1250");

        List<QuarantinedRecord> q = runs.quarantined(run.id(), 100, 0);
        assertThat(q).extracting(QuarantinedRecord::reason).anySatisfy(r -> assertThat(r).contains("duplicate source id 'DT-01'"))
                .anySatisfy(r -> assertThat(r).contains("outside the service area"))
                .anySatisfy(r -> assertThat(r).contains("rated_kva -5 must be positive"))
                .anySatisfy(r -> assertThat(r).contains("rated_kva 90000 is implausible"))
                .anySatisfy(r -> assertThat(r).contains("geometry is missing"))
                .anySatisfy(r -> assertThat(r).contains("not a number (NaN"))
                .anySatisfy(r -> assertThat(r).contains("kind '柱上' is not one of"))
                .anySatisfy(r -> assertThat(r).contains("expected a Point, got LineString"))
                .anySatisfy(r -> assertThat(r).contains("rated_kva '四百' is not a number"))
                .anySatisfy(r -> assertThat(r).contains("feeder_ref: feeder FDR-NONE not found"));
        assertThat(q).filteredOn(r -> r.reason().contains("Beijing") || r.reason().contains("service area"))
                .first().satisfies(r -> assertThat(r.raw()).contains("116.39"));
    }

    @Test
    void brokenFilesGoToErrorWithAReasonBesideThem() throws Exception {
        knownGrid();
        Map<String, byte[]> broken = new java.util.LinkedHashMap<>();
        broken.put("pole.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":".getBytes());
        broken.put("pole.geojsonl", (TestGrid.json(features(AssetType.POLE).get(0)) + "\n{\"type\":\"Feat").getBytes());
        broken.put("whatever.geojson", TestGrid.featureCollection(features(AssetType.POLE)).getBytes());
        broken.put("pole.shp", new byte[] {1, 2, 3});
        broken.put("pole.csv", "source_id,name,feeder_ref,wkt\nP-GBK,东01线,FDR-A1,POINT (109.96 39.81)\n"
                .getBytes(Charset.forName("GBK")));
        broken.put("grid.zip", "PK this is not a zip".getBytes());
        Map<String, String> reasons = Map.of(
                "pole.geojson", "malformed GeoJSON",
                "pole.geojsonl", "line 2 is not JSON",
                "whatever.geojson", "cannot tell what whatever.geojson holds",
                "pole.shp", "unsupported file type",
                "pole.csv", "not UTF-8",
                "grid.zip", "not a readable zip archive");
        long poles = count("pole", "test-drop");
        for (Map.Entry<String, byte[]> e : broken.entrySet()) {
            FeedRun run = FeedRuns.drop(jdbc, runs, "test-drop", e.getKey(), e.getValue());
            assertThat(run.status()).isEqualTo("FAILED");
            assertThat(run.error()).contains(reasons.get(e.getKey()));
            Path error = FeedRuns.inbox("test-drop").resolveSibling("error");
            assertThat(error.resolve(e.getKey())).exists();
            assertThat(Files.readString(error.resolve(e.getKey() + ".reason.txt"))).contains(reasons.get(e.getKey()))
                    .contains(run.id().toString());
        }
        // a failed full snapshot retired nothing
        assertThat(count("pole", "test-drop")).isEqualTo(poles);
    }

    @Test
    void aMergeThatFailsHalfWayLeavesThePreviousStateAndARerunApplies() throws Exception {
        knownGrid();
        // a real database failure in the middle of the merge: substations are already upserted in
        // the same transaction when the pole insert fails
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION grid.test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.source_id = 'POLE-BOOM' THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$""");
        jdbc.execute("CREATE TRIGGER test_boom BEFORE INSERT ON grid.pole FOR EACH ROW EXECUTE FUNCTION grid.test_boom()");
        List<TestGrid.Feature> subs = new ArrayList<>(features(AssetType.SUBSTATION));
        subs.set(0, TestGrid.f("SUB-A", TestGrid.point(109.95, 39.80), "name", "东胜变（改）", "voltage_kv", 110));
        List<TestGrid.Feature> poles = new ArrayList<>(features(AssetType.POLE));
        poles.add(TestGrid.f("POLE-BOOM", TestGrid.point(109.96, 39.81), "feeder_ref", "FDR-A1"));
        byte[] zip = TestGrid.zip(Map.of("substation.geojson", TestGrid.featureCollection(subs),
                "pole.geojsonl", TestGrid.geoJsonSeq(poles)));
        long runsBefore = jdbc.queryForObject("SELECT count(*) FROM feeds.feed_run", Long.class);
        try {
            FeedRun failed = FeedRuns.drop(jdbc, runs, "test-drop", "boom.zip", zip);
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.error()).contains("disk on fire");
            assertThat(failed.inserted() + failed.updated()).isZero();
            assertThat(jdbc.queryForObject("SELECT name FROM grid.substation WHERE source_id = 'SUB-A' AND feed_id = 'test-drop'",
                    String.class)).isEqualTo("东胜变");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM grid.pole WHERE source_id = 'POLE-BOOM'", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM feeds.feed_run", Long.class)).isEqualTo(runsBefore + 1);
        } finally {
            jdbc.execute("DROP TRIGGER test_boom ON grid.pole");
        }
        FeedRun rerun = FeedRuns.drop(jdbc, runs, "test-drop", "boom.zip", zip);
        assertThat(rerun.status()).as(rerun.error()).isEqualTo("SUCCEEDED");
        assertThat(rerun.inserted()).isEqualTo(1);
        assertThat(rerun.updated()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT name FROM grid.substation WHERE source_id = 'SUB-A' AND feed_id = 'test-drop'",
                String.class)).isEqualTo("东胜变（改）");
    }

    @Test
    void aFirstLoadWrittenStraightToTheStoreStaysInvisibleUntilItCommitsAndLeavesNothingWhenItFails() throws Exception {
        knownGrid();
        // the feed holds no ring main unit yet: its records go straight into grid.ring_main_unit
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION grid.test_slow() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.source_id = 'RMU-SLOW' THEN PERFORM pg_sleep(3); END IF;
                  IF NEW.source_id = 'RMU-BOOM' THEN RAISE EXCEPTION 'disk on fire'; END IF;
                  RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER test_slow BEFORE INSERT ON grid.ring_main_unit FOR EACH ROW EXECUTE FUNCTION grid.test_slow()");
        List<TestGrid.Feature> units = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            units.add(TestGrid.f("RMU-" + i, TestGrid.point(109.95 + i * 0.001, 39.80), "kind", "RING_MAIN_UNIT",
                    "feeder_ref", "FDR-A1", "total_bays", 6, "spare_bays", 2));
        }
        try {
            List<TestGrid.Feature> failing = new ArrayList<>(units);
            failing.add(TestGrid.f("RMU-BOOM", TestGrid.point(109.96, 39.81), "kind", "RING_MAIN_UNIT",
                    "feeder_ref", "FDR-A1", "total_bays", 6, "spare_bays", 2));
            FeedRun failed = FeedRuns.drop(jdbc, runs, "test-drop", "ring_main_unit.geojsonl", TestGrid.geoJsonSeq(failing));
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.error()).contains("disk on fire");
            assertThat(count("ring_main_unit", "test-drop")).isZero();

            List<TestGrid.Feature> slow = new ArrayList<>(units);
            slow.add(TestGrid.f("RMU-SLOW", TestGrid.point(109.97, 39.81), "kind", "RING_MAIN_UNIT",
                    "feeder_ref", "FDR-A1", "total_bays", 6, "spare_bays", 2));
            java.util.concurrent.CompletableFuture<FeedRun> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return FeedRuns.drop(jdbc, runs, "test-drop", "ring_main_unit.geojsonl", TestGrid.geoJsonSeq(slow));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // while the run sleeps on its last record, five rows are written but no reader sees them
            org.awaitility.Awaitility.await("the run reaches the slow record").atMost(java.time.Duration.ofSeconds(20))
                    .pollInterval(java.time.Duration.ofMillis(50))
                    .until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE query LIKE 'COPY grid.ring_main_unit%' AND wait_event = 'PgSleep'", Long.class) > 0);
            assertThat(count("ring_main_unit", "test-drop")).isZero();
            FeedRun done = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(done.status()).as(done.error()).isEqualTo("SUCCEEDED");
            assertThat(done.inserted()).isEqualTo(6);
            assertThat(count("ring_main_unit", "test-drop")).isEqualTo(6);
        } finally {
            jdbc.execute("DROP TRIGGER test_slow ON grid.ring_main_unit");
        }
    }
}

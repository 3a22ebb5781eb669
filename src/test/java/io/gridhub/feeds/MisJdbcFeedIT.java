package io.gridhub.feeds;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second PostgreSQL database stands in for the production MIS: its peak-load view is polled over
 * JDBC, incrementally by the gxsj (更新时间) watermark; MW become kW; a load naming an asset the
 * store does not hold is quarantined, not lost.
 */
@HubIntegrationTest
class MisJdbcFeedIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FeedRunRepository runs;
    @Autowired
    FeedRunService service;

    static Connection mis() throws Exception {
        String port = System.getenv().getOrDefault("HUB_PG_PORT", "55432");
        String db = System.getenv().getOrDefault("HUB_TEST_MIS_DB_NAME", "gridhub_test_mis");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db,
                System.getenv().getOrDefault("HUB_DB_USER", "gridhub"), System.getenv().getOrDefault("HUB_DB_PASSWORD", "gridhub"));
    }

    @Test
    void pollsTheViewByWatermarkAndQuarantinesLoadsForUnknownAssets() throws Exception {
        transformers("MIS-DT-");
        try (Connection c = mis(); Statement s = c.createStatement()) {
            loadTable(s, "pms");
            s.execute("CREATE VIEW pms.v_zdfh AS SELECT * FROM pms.zdfh");
            s.execute("""
                    INSERT INTO pms.zdfh VALUES
                      ('MIS-DT-1', 'PB', '2025-11', 0.2466, 0.91, '2025-11-14 18:00', '2025-12-01 01:00+08'),
                      ('MIS-DT-2', 'PB', '2025-11', 0.1300, 0.88, '2025-11-15 19:00', '2025-12-01 01:00+08'),
                      ('MIS-DT-3', 'PB', '2025-11', 0.0901, NULL, '2025-11-16 20:00', '2025-12-01 01:05+08'),
                      ('MIS-DT-4', 'PB', '2025-11', 0.3100, 0.93, '2025-11-17 18:30', '2025-12-01 01:05+08'),
                      ('DT-GHOST', 'PB', '2025-11', 0.1000, 0.90, '2025-11-17 18:30', '2025-12-01 01:06+08')
                    """);
        }
        FeedRun first = FeedRuns.await(runs, service.startManual("test-mis"));
        assertThat(first.status()).as(first.error()).isEqualTo("SUCCEEDED");
        assertThat(first.read()).isEqualTo(5);
        assertThat(first.inserted()).isEqualTo(4);
        assertThat(first.quarantined()).isEqualTo(1);
        assertThat(runs.quarantined(first.id(), 10, 0)).filteredOn(q -> q.disposition().equals("QUARANTINED")).singleElement().satisfies(q -> {
            assertThat(q.reason()).isEqualTo("load for unknown asset: no in-service distribution_transformer DT-GHOST");
            assertThat(q.raw()).contains("DT-GHOST");
        });
        assertThat(jdbc.queryForObject("SELECT peak_kw FROM grid.measured_peak_load WHERE asset_ref = 'MIS-DT-1'"
                + " AND period_start = '2025-11-01'", BigDecimal.class)).isEqualByComparingTo("246.6");
        assertThat(jdbc.queryForObject("SELECT watermark FROM feeds.feed_state WHERE feed_id = 'test-mis'", String.class))
                .isEqualTo("2025-11-30T17:06:00Z");

        // the default look-back (10 min) reads the rows of the last 10 minutes before the watermark
        // again: all five here; none is rewritten, the ghost load is quarantined again
        FeedRun idle = FeedRuns.await(runs, service.startManual("test-mis"));
        assertThat(idle.status()).isEqualTo("SUCCEEDED");
        assertThat(idle.read()).isEqualTo(5);
        assertThat(idle.inserted() + idle.updated()).isZero();
        assertThat(idle.unchanged()).isEqualTo(4);
        assertThat(idle.quarantined()).isEqualTo(1);

        try (Connection c = mis(); Statement s = c.createStatement()) {
            s.execute("UPDATE pms.zdfh SET zdfh_mw = 0.2700, gxsj = '2025-12-02 01:00+08' WHERE sbbm = 'MIS-DT-2'");
        }
        FeedRun next = FeedRuns.await(runs, service.startManual("test-mis"));
        assertThat(next.read()).isEqualTo(5);
        assertThat(next.updated()).isEqualTo(1);
        assertThat(next.unchanged()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT watermark FROM feeds.feed_state WHERE feed_id = 'test-mis'", String.class))
                .isEqualTo("2025-12-01T17:00:00Z");
        assertThat(jdbc.queryForObject("SELECT peak_kw FROM grid.measured_peak_load WHERE asset_ref = 'MIS-DT-2'",
                BigDecimal.class)).isEqualByComparingTo("270");
    }

    /**
     * A row the MIS commits after a poll with a gxsj older than the watermark (a long transaction)
     * arrives with the next poll, through the feed's 30-minute look-back; the rows read again are
     * unchanged and not rewritten (same row version), the watermark stays the highest seen, and a
     * row older than the window is out of reach (the window's documented limit).
     */
    @Test
    void aLateCommitWithAnOlderTimestampArrivesThroughTheLookBack() throws Exception {
        transformers("MIS-LT-");
        try (Connection c = mis(); Statement s = c.createStatement()) {
            loadTable(s, "pms_late");
            s.execute("""
                    INSERT INTO pms_late.zdfh VALUES
                      ('MIS-LT-1', 'PB', '2025-11', 0.2000, 0.90, '2025-11-14 18:00', '2025-12-01 10:00+08'),
                      ('MIS-LT-2', 'PB', '2025-11', 0.2100, 0.90, '2025-11-14 18:00', '2025-12-01 10:05+08')
                    """);
        }
        FeedRun first = FeedRuns.await(runs, service.startManual("test-mis-late"));
        assertThat(first.status()).as(first.error()).isEqualTo("SUCCEEDED");
        assertThat(first.inserted()).isEqualTo(2);
        String version = "SELECT string_agg(xmin::text, ',' ORDER BY asset_ref) FROM grid.measured_peak_load"
                + " WHERE asset_ref IN ('MIS-LT-1', 'MIS-LT-2')";
        String before = jdbc.queryForObject(version, String.class);

        try (Connection c = mis(); Statement s = c.createStatement()) {
            // committed after the poll, stamped 15 minutes before the watermark
            s.execute("INSERT INTO pms_late.zdfh VALUES ('MIS-LT-3', 'PB', '2025-11', 0.2200, 0.90, '2025-11-14 18:00',"
                    + " '2025-12-01 09:50+08')");
        }
        FeedRun late = FeedRuns.await(runs, service.startManual("test-mis-late"));
        assertThat(late.status()).as(late.error()).isEqualTo("SUCCEEDED");
        assertThat(late.read()).isEqualTo(3);
        assertThat(late.inserted()).isEqualTo(1);
        assertThat(late.updated()).isZero();
        assertThat(late.unchanged()).isEqualTo(2);
        assertThat(late.retired()).isZero();
        assertThat(jdbc.queryForObject("SELECT peak_kw FROM grid.measured_peak_load WHERE asset_ref = 'MIS-LT-3'",
                BigDecimal.class)).isEqualByComparingTo("220");
        assertThat(jdbc.queryForObject(version, String.class)).as("re-read rows are not rewritten").isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid.measured_peak_load WHERE asset_ref LIKE 'MIS-LT-%'",
                Integer.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT watermark FROM feeds.feed_state WHERE feed_id = 'test-mis-late'", String.class))
                .isEqualTo("2025-12-01T02:05:00Z");

        try (Connection c = mis(); Statement s = c.createStatement()) {
            // later than the window: out of reach, as documented
            s.execute("INSERT INTO pms_late.zdfh VALUES ('MIS-LT-4', 'PB', '2025-11', 0.2300, 0.90, '2025-11-14 18:00',"
                    + " '2025-12-01 09:00+08')");
        }
        FeedRun beyond = FeedRuns.await(runs, service.startManual("test-mis-late"));
        assertThat(beyond.read()).isEqualTo(3);
        assertThat(beyond.unchanged()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid.measured_peak_load WHERE asset_ref = 'MIS-LT-4'",
                Integer.class)).isZero();
    }

    /** Four in-service distribution transformers the loads can name: {@code <prefix>1} to 4. */
    private void transformers(String prefix) {
        for (int i = 1; i <= 4; i++) {
            jdbc.update("INSERT INTO grid.distribution_transformer (feed_id, source_id, kind, ownership, rated_kva, feeder_ref, geom)"
                    + " VALUES ('test-mis-assets', ?, 'POLE_MOUNTED', 'PUBLIC', 400, 'FDR-A1', ST_SetSRID(ST_MakePoint(109.97, 39.81), 4490))"
                    + " ON CONFLICT DO NOTHING", prefix + i);
        }
    }

    /** The MIS's peak-load table (最大负荷) in a schema of its own, empty. */
    private static void loadTable(Statement s, String schema) throws Exception {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema);
        s.execute("CREATE TABLE " + schema + ".zdfh (sbbm text, sblx text, tjyf text, zdfh_mw numeric, glys numeric,"
                + " cjsj timestamp, gxsj timestamptz)");
    }
}

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
        for (int i = 1; i <= 4; i++) {
            jdbc.update("INSERT INTO grid.distribution_transformer (feed_id, source_id, kind, ownership, rated_kva, feeder_ref, geom)"
                    + " VALUES ('test-mis-assets', ?, 'POLE_MOUNTED', 'PUBLIC', 400, 'FDR-A1', ST_SetSRID(ST_MakePoint(109.97, 39.81), 4490))"
                    + " ON CONFLICT DO NOTHING", "MIS-DT-" + i);
        }
        try (Connection c = mis(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS pms CASCADE");
            s.execute("CREATE SCHEMA pms");
            s.execute("CREATE TABLE pms.zdfh (sbbm text, sblx text, tjyf text, zdfh_mw numeric, glys numeric,"
                    + " cjsj timestamp, gxsj timestamptz)");
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

        FeedRun idle = FeedRuns.await(runs, service.startManual("test-mis"));
        assertThat(idle.status()).isEqualTo("SUCCEEDED");
        assertThat(idle.read()).isZero();

        try (Connection c = mis(); Statement s = c.createStatement()) {
            s.execute("UPDATE pms.zdfh SET zdfh_mw = 0.2700, gxsj = '2025-12-02 01:00+08' WHERE sbbm = 'MIS-DT-2'");
        }
        FeedRun next = FeedRuns.await(runs, service.startManual("test-mis"));
        assertThat(next.read()).isEqualTo(1);
        assertThat(next.updated()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT peak_kw FROM grid.measured_peak_load WHERE asset_ref = 'MIS-DT-2'",
                BigDecimal.class)).isEqualByComparingTo("270");
    }
}

package io.gridhub.feeds;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.Map;

import io.gridhub.HubIntegrationTest;
import io.gridhub.geo.Gcj02;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly load export as XLSX and CSV, a pole export in Gauss–Krüger with pinyin column names,
 * and consumer-map (GCJ-02) transformer positions; plus the schedule of a feed in Quartz's
 * clustered store.
 */
@HubIntegrationTest
class LoadAndProjectedFileFeedIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FeedRunRepository runs;

    @Test
    void monthlyLoadExportsAsXlsxAndCsvJoinTheirAssets() throws Exception {
        jdbc.update("INSERT INTO grid.feeder (feed_id, source_id, substation_ref, rated_current_a) VALUES"
                + " ('test-loads-assets', 'FDR-LOAD-1', 'SUB-X', 400) ON CONFLICT DO NOTHING");
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("2025年11月负荷");
            String[][] rows = {{"SBBM", "SBLX", "TJYF", "ZDFH_KW", "GLYS", "CJSJ"},
                    {"FDR-LOAD-1", "XL", "2025-11", "3120.5", "0.9", "2025-11-20 19:15:00"},
                    {"FDR-NOWHERE", "XL", "2025-11", "800", "0.9", "2025-11-20 19:15:00"},
                    {"FDR-LOAD-1", "XL", "2025-13", "800", "0.9", ""}};
            for (int i = 0; i < rows.length; i++) {
                Row r = sheet.createRow(i);
                for (int j = 0; j < rows[i].length; j++) {
                    if (i > 0 && j == 3) {
                        r.createCell(j).setCellValue(Double.parseDouble(rows[i][j]));
                    } else {
                        r.createCell(j).setCellValue(rows[i][j]);
                    }
                }
            }
            wb.write(xlsx);
        }
        FeedRun run = FeedRuns.drop(jdbc, runs, "test-loads", "负荷-2025-11.xlsx", xlsx.toByteArray());
        assertThat(run.status()).as(run.error()).isEqualTo("SUCCEEDED");
        assertThat(run.read()).isEqualTo(3);
        assertThat(run.inserted()).isEqualTo(1);
        assertThat(run.quarantined()).isEqualTo(2);
        assertThat(runs.quarantined(run.id(), 10, 0)).extracting(QuarantinedRecord::reason)
                .containsExactlyInAnyOrder("period '2025-13' is not a month (yyyy-MM)",
                        "load for unknown asset: no in-service feeder FDR-NOWHERE");
        assertThat(jdbc.queryForObject("SELECT peak_kw FROM grid.measured_peak_load WHERE asset_ref = 'FDR-LOAD-1'",
                BigDecimal.class)).isEqualByComparingTo("3120.5");

        FeedRun csv = FeedRuns.drop(jdbc, runs, "test-loads", "loads-2025-12.csv",
                "\uFEFFSBBM,SBLX,TJYF,ZDFH_KW,GLYS,CJSJ\nFDR-LOAD-1,线路,2025-12,3300,0.92,2025-12-18T19:00:00+08:00\n");
        assertThat(csv.status()).as(csv.error()).isEqualTo("SUCCEEDED");
        assertThat(csv.inserted()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid.measured_peak_load WHERE asset_ref = 'FDR-LOAD-1'", Long.class))
                .isEqualTo(2);
    }

    @Test
    void gaussKrugerCsvWithPinyinColumnsArrivesInCgcs2000() throws Exception {
        double[][] en = {{500_000, 4_407_000}, {410_085.1903, 4_407_860.8038}};
        StringBuilder csv = new StringBuilder("SBBM,SBMC,SSXL,GTH,X,Y\n");
        for (int i = 0; i < en.length; i++) {
            csv.append("GK-").append(i).append(",东01线#").append(i).append(",FDR-A1,#").append(i).append(',')
                    .append(en[i][0]).append(',').append(en[i][1]).append('\n');
        }
        FeedRun run = FeedRuns.drop(jdbc, runs, "test-drop-gk", "poles-gk.csv", csv.toString());
        assertThat(run.status()).as(run.error()).isEqualTo("SUCCEEDED");
        assertThat(run.inserted()).isEqualTo(2);
        for (int i = 0; i < en.length; i++) {
            Map<String, Object> p = jdbc.queryForMap("SELECT ST_X(p.geom) - ST_X(t) AS dx, ST_Y(p.geom) - ST_Y(t) AS dy, p.name, p.pole_number"
                    + " FROM grid.pole p, ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4546), 4490) t"
                    + " WHERE p.feed_id = 'test-drop-gk' AND p.source_id = ?", en[i][0], en[i][1], "GK-" + i);
            assertThat(Math.abs((Double) p.get("dx"))).isLessThan(1e-9);
            assertThat(Math.abs((Double) p.get("dy"))).isLessThan(1e-9);
            assertThat(p.get("name")).isEqualTo("东01线#" + i);
            assertThat(p.get("pole_number")).isEqualTo("#" + i);
        }
    }

    @Test
    void consumerMapCoordinatesAreUnshifted() throws Exception {
        double[] gcj = Gcj02.fromWgs84(109.9865, 39.8155);
        String feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + gcj[0] + "," + gcj[1] + "]},"
                + "\"properties\":{\"SBBM\":\"GCJ-1\",\"LX\":\"箱变\",\"SYQ\":\"专变\",\"EDRL\":\"0.8\",\"SSXL\":\"FDR-A1\"}}";
        FeedRun run = FeedRuns.drop(jdbc, runs, "test-drop-gcj", "transformers.geojsonl", feature + "\n");
        assertThat(run.status()).as(run.error()).isEqualTo("SUCCEEDED");
        Map<String, Object> t = jdbc.queryForMap("SELECT ST_X(geom) AS x, ST_Y(geom) AS y, kind, ownership, rated_kva"
                + " FROM grid.distribution_transformer WHERE feed_id = 'test-drop-gcj' AND source_id = 'GCJ-1'");
        // back where it stands, to a millimetre (1e-8 degrees)
        assertThat(Math.abs((Double) t.get("x") - 109.9865)).isLessThan(1e-8);
        assertThat(Math.abs((Double) t.get("y") - 39.8155)).isLessThan(1e-8);
        assertThat(t.get("kind")).isEqualTo("BOX_TYPE");
        assertThat(t.get("ownership")).isEqualTo("DEDICATED");
        assertThat((BigDecimal) t.get("rated_kva")).isEqualByComparingTo("800");
    }

    @Test
    void aScheduledFeedIsInQuartzsClusteredStore() {
        assertThat(jdbc.queryForObject("SELECT c.cron_expression FROM quartz.qrtz_cron_triggers c"
                + " WHERE c.trigger_name = 'test-scheduled' AND c.trigger_group = 'feeds'", String.class))
                .isEqualTo("0 0 3 1 1 ? 2099");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM quartz.qrtz_scheduler_state WHERE sched_name = 'gridhub'", Long.class))
                .isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM quartz.qrtz_triggers WHERE trigger_group = 'feeds'", Long.class))
                .isEqualTo(1);
    }
}

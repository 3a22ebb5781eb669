package io.gridhub.feeds;

import io.gridhub.HubIntegrationTest;
import io.gridhub.feeds.geo.SourceCrs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub's Gauss–Krüger conversion (Proj4J) agrees with PostGIS ST_Transform (PROJ) across Ordos. */
@HubIntegrationTest
class CrsAgainstPostgisIT {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void zones108And111AgreeWithPostgisToWellBelowAMillimetre() {
        double worst = 0;
        for (String epsg : new String[] {"4545", "4546"}) {
            SourceCrs crs = SourceCrs.of("EPSG:" + epsg);
            for (double e = 300_000; e <= 700_000; e += 50_000) {
                for (double n = 4_150_000; n <= 4_530_000; n += 40_000) {
                    double[] hub = crs.toCgcs2000(e, n);
                    double[] pg = jdbc.queryForObject("SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform("
                                    + "ST_SetSRID(ST_MakePoint(?, ?), " + epsg + "), 4490) g) t",
                            (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}, e, n);
                    worst = Math.max(worst, Math.max(Math.abs(hub[0] - pg[0]), Math.abs(hub[1] - pg[1])));
                }
            }
        }
        // 1e-9 degrees ≈ 0.1 mm
        assertThat(worst).isLessThan(1e-9);
    }
}

package io.gridhub.cases;

import java.sql.Date;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;

import io.gridhub.grid.GridChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A one-feeder grid in the south of Ordos (108.0°E, 38.0°N), far from the sample grid and the
 * siting fixture, under its own feed id. The figures every case and plan test relies on:
 *
 * <pre>
 * Site S = (108.0000, 38.0000), EPSG:4490; 0.0001° ≈ 8.77 m east, 11.10 m north.
 * CASES-SUB (108.0100, 38.0000), one main transformer CASES-MT 40,000 kVA (one MT: allowed 80 %
 *   = 32,000), peak 10,000 kW @0.9 = 11,111 kVA: open 20,889.
 * CASES-F1 10 kV on CASES-BUS, 8,000 kVA, no tie (80 % = 6,400), peak 3,600 kW @0.9 = 4,000 kVA:
 *   open 2,400. East–west line at lat 38.0009 (≈ 100 m north of S); pole CASES-P1 right above S.
 * CASES-T1 public transformer (108.0000, 38.0010) ≈ 111 m from S, 400 kVA on CASES-F1 (allowed 320),
 *   peak 180 kW @0.9 = 200 kVA: open 120 kVA.
 * </pre>
 */
public final class CasesGridFixture {

    static final String FEED = "cases-fixture";
    public static final double SITE_LON = 108.0000;
    public static final double SITE_LAT = 38.0000;

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    public CasesGridFixture(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public void install() {
        remove();
        Date d = jdbc.queryForObject("SELECT max(period_start) FROM grid.measured_peak_load WHERE feed_id <> ?",
                Date.class, FEED);
        YearMonth latest = d == null ? YearMonth.now() : YearMonth.from(d.toLocalDate());
        jdbc.update("INSERT INTO grid.substation (feed_id, source_id, name, voltage_kv, geom, attributes) VALUES "
                + "(?, 'CASES-SUB', '沙漠变 110kV', 110, ST_SetSRID(ST_MakePoint(108.0100, 38.0000), 4490), '{\"spare_bays_10kv\": 2}')",
                FEED);
        jdbc.update("INSERT INTO grid.main_transformer (feed_id, source_id, name, substation_ref, rated_kva) "
                + "VALUES (?, 'CASES-MT', '1号主变', 'CASES-SUB', 40000)", FEED);
        jdbc.update("INSERT INTO grid.busbar (feed_id, source_id, name, substation_ref, main_transformer_ref) "
                + "VALUES (?, 'CASES-BUS', '10kV I 段母线', 'CASES-SUB', 'CASES-MT')", FEED);
        jdbc.update("INSERT INTO grid.feeder (feed_id, source_id, name, substation_ref, busbar_ref, voltage_kv, "
                + "rated_kva, tie_feeder_refs, connected_customers, geom) VALUES (?, 'CASES-F1', '沙漠线', 'CASES-SUB', "
                + "'CASES-BUS', 10, 8000, '{}'::text[], 10, "
                + "ST_GeomFromText('MULTILINESTRING((107.9950 38.0009, 108.0100 38.0009))', 4490))", FEED);
        jdbc.update("INSERT INTO grid.pole (feed_id, source_id, name, feeder_ref, pole_number, geom) VALUES "
                + "(?, 'CASES-P1', '沙漠线 #017', 'CASES-F1', '017', ST_SetSRID(ST_MakePoint(108.0000, 38.0009), 4490))", FEED);
        jdbc.update("INSERT INTO grid.distribution_transformer (feed_id, source_id, name, kind, ownership, rated_kva, "
                + "feeder_ref, geom) VALUES (?, 'CASES-T1', '沙漠1号公变', 'POLE_MOUNTED', 'PUBLIC', 400, 'CASES-F1', "
                + "ST_SetSRID(ST_MakePoint(108.0000, 38.0010), 4490))", FEED);
        peak("MAIN_TRANSFORMER", "CASES-MT", latest, 10_000);
        peak("FEEDER", "CASES-F1", latest, 3_600);
        peak("DISTRIBUTION_TRANSFORMER", "CASES-T1", latest, 180);
        events.publishEvent(new GridChanged(FEED, "fixture", Map.of(), true, null, Instant.now()));
    }

    public void remove() {
        for (String table : new String[] {"distribution_transformer", "pole", "feeder", "busbar", "main_transformer",
                "substation"}) {
            jdbc.update("DELETE FROM grid." + table + " WHERE feed_id = ?", FEED);
        }
        jdbc.update("DELETE FROM grid.measured_peak_load WHERE feed_id = ?", FEED);
        jdbc.update("DELETE FROM capacity.commitment WHERE asset_ref LIKE 'CASES-%'");
    }

    /** Assets of other feeds within {@code metres} of the site: the fixture's figures assume none. */
    int foreignAssetsNear(double metres) {
        Integer n = jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM grid.feeder WHERE feed_id <> ? AND ST_DWithin(geom::geography, s, ?))
                     + (SELECT count(*) FROM grid.distribution_transformer WHERE feed_id <> ? AND ST_DWithin(geom::geography, s, ?))
                FROM (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography AS s) site
                """, Integer.class, FEED, metres, FEED, metres, SITE_LON, SITE_LAT);
        return n == null ? 0 : n;
    }

    private void peak(String type, String ref, YearMonth month, double kw) {
        jdbc.update("INSERT INTO grid.measured_peak_load (feed_id, asset_type, asset_ref, period_start, period_end, "
                + "peak_kw, power_factor) VALUES (?, ?, ?, ?, ?, ?, 0.9)", FEED, type, ref,
                Date.valueOf(month.atDay(1)), Date.valueOf(month.atEndOfMonth()), kw);
    }
}

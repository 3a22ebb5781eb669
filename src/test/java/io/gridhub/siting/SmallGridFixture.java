package io.gridhub.siting;

import java.sql.Date;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;

import io.gridhub.grid.GridChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small hand-built grid in the western desert of Ordos, far from the sample grid, under its own
 * feed id. Every test of siting speaks about this grid; the answers below are worked out by hand.
 *
 * <p>Site S = (107.2000, 39.1000), EPSG:4490. At 39.1°N one degree of longitude is 86,504 m and
 * one degree of latitude 111,017 m (GRS80 ellipsoid), so 0.0001° ≈ 8.65 m east, 11.10 m north.
 *
 * <pre>
 * Substations and main transformers (N-1: 2 MTs → 65 %, 1 MT → allowed loading 80 %)
 *   SUB-A (107.2100, 39.1000)  865 m east of S, spare 10 kV bays 2
 *     MT-A1 50,000 kVA  peak 18,000 kW @0.9 = 20,000 kVA  open 32,500 − 20,000 = 12,500
 *     MT-A2 50,000 kVA  peak 27,000 kW (no cos φ → 0.9) = 30,000 kVA  open 2,500
 *     substation: 100,000 × 0.65 − 50,000 = 15,000
 *   SUB-B (107.1900, 39.1100)  1,407 m north-west, no spare-bay attribute
 *     MT-B1 31,500 kVA  peak 20,000 kW @0.8 = 25,000 kVA  open 31,500 × 0.8 − 25,000 = 200
 *
 * 10 kV feeders (east–west lines unless said otherwise), distance from S:
 *   F1  bus A1, 400 A → √3·10·400 = 6,928.2 kVA, 1 tie (F2) → 50 % → 3,464.1;
 *       peak 2,700 kW → 3,000 kVA; open 464.1.   lat 39.1009, 99.9 m north. Overhead, pole P1 right
 *       above S (99.9 m), pole P2 further east. (An older peak of 5,000 kW, 13 months before the
 *       latest month, is outside the 12-month window and must be ignored.)
 *   F2  bus A2, 8,000 kVA, 2 ties → 67 % → 5,360; peak 3,600 kW → 4,000; committed 500 (case
 *       SGF-CASE-1); open 860.   Cable section at lat 39.0984, 177.6 m south; ring main unit RMU2
 *       (3 spare bays) at (107.2010, 39.0984): 197.6 m.
 *   F3  bus B1, 6,000 kVA, no tie → 80 % → 4,800; peak 1,800 kW → 2,000; open 2,800.
 *       north–south line at lon 107.1960, 346.0 m west. Its chain is short at MT-B1 (200 open).
 *   F4  bus A1, 6,000 kVA, 3 ties → 75 %; NO peak measured: load missing.  lat 39.1043, 477.4 m.
 *   F5  bus A2, 10,000 kVA, 1 tie → 5,000; peak 900 kW → 1,000; open 4,000; but 60 customers
 *       (limit 50).  north–south at lon 107.2080, 692.0 m east.
 *   Widening: 200 m finds F1, F2; 500 m adds F3, F4; 800 m adds F5 → 5 distinct feeders, stop.
 *
 * Public distribution transformers (low voltage):
 *   T1  (107.2000, 39.1012) 133.2 m, 400 kVA on F1, peak 252 kW → 280 kVA, open 320 − 280 = 40
 *   T2  (107.2020, 39.1000) 173.0 m, 630 kVA on F2, peak 270 kW → 300 kVA, open 504 − 300 = 204
 *   T3  (107.1990, 39.0990) 140.7 m, DEDICATED (专变): never a candidate
 *   T4  (107.2000, 39.1030) 333.1 m, 500 kVA on F1, peak 180 kW → 200 kVA, open 200
 * </pre>
 */
final class SmallGridFixture {

    static final String FEED = "siting-fixture";
    static final double SITE_LON = 107.2000;
    static final double SITE_LAT = 39.1000;
    /** One degree of longitude and latitude at the site, in metres (GRS80). */
    static final double M_PER_DEG_LON = 86_504;
    static final double M_PER_DEG_LAT = 111_017;

    /**
     * Open capacity (kVA) of every measured link, as worked out by hand above (default rules:
     * simultaneity 1, cos φ 0.9 where none was measured, 12-month window); F4 has no measured load.
     */
    static final Map<String, Double> OPEN_KVA = Map.ofEntries(
            Map.entry("SGF-SUB-A", 15_000.0), Map.entry("SGF-SUB-B", 200.0),
            Map.entry("SGF-MT-A1", 12_500.0), Map.entry("SGF-MT-A2", 2_500.0), Map.entry("SGF-MT-B1", 200.0),
            Map.entry("SGF-F1", 464.1), Map.entry("SGF-F2", 860.0), Map.entry("SGF-F3", 2_800.0),
            Map.entry("SGF-F5", 4_000.0),
            Map.entry("SGF-T1", 40.0), Map.entry("SGF-T2", 204.0), Map.entry("SGF-T4", 200.0));

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    SmallGridFixture(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Removes and re-inserts the fixture, then announces the change so the peak window is re-read. */
    void install() {
        remove();
        YearMonth latest = latestMonth();
        substation("SGF-SUB-A", 107.2100, 39.1000, "{\"spare_bays_10kv\": 2}");
        substation("SGF-SUB-B", 107.1900, 39.1100, "{}");
        mainTransformer("SGF-MT-A1", "SGF-SUB-A", 50_000);
        mainTransformer("SGF-MT-A2", "SGF-SUB-A", 50_000);
        mainTransformer("SGF-MT-B1", "SGF-SUB-B", 31_500);
        busbar("SGF-BUS-A1", "SGF-SUB-A", "SGF-MT-A1");
        busbar("SGF-BUS-A2", "SGF-SUB-A", "SGF-MT-A2");
        busbar("SGF-BUS-B1", "SGF-SUB-B", "SGF-MT-B1");

        feeder("SGF-F1", "SGF-SUB-A", "SGF-BUS-A1", 400.0, null, "{SGF-F2}", 20,
                "MULTILINESTRING((107.1950 39.1009, 107.2050 39.1009))");
        feeder("SGF-F2", "SGF-SUB-A", "SGF-BUS-A2", null, 8000.0, "{SGF-F1,SGF-F3}", 30, null);
        section("SGF-F2-S1", "SGF-F2", "CABLE", "LINESTRING(107.1950 39.0984, 107.2050 39.0984)");
        feeder("SGF-F3", "SGF-SUB-B", "SGF-BUS-B1", null, 6000.0, "{}", 10,
                "MULTILINESTRING((107.1960 39.0950, 107.1960 39.1050))");
        feeder("SGF-F4", "SGF-SUB-A", "SGF-BUS-A1", null, 6000.0, "{SGF-F1,SGF-F2,SGF-F5}", 5,
                "MULTILINESTRING((107.1950 39.1043, 107.2050 39.1043))");
        feeder("SGF-F5", "SGF-SUB-A", "SGF-BUS-A2", null, 10_000.0, "{SGF-F4}", 60,
                "MULTILINESTRING((107.2080 39.0950, 107.2080 39.1050))");
        jdbc.update("""
                INSERT INTO grid.pole (feed_id, source_id, name, feeder_ref, pole_number, geom) VALUES
                (?, 'SGF-P1', 'F1 #1', 'SGF-F1', 'F1-001', ST_SetSRID(ST_MakePoint(107.2000, 39.1009), 4490)),
                (?, 'SGF-P2', 'F1 #2', 'SGF-F1', 'F1-002', ST_SetSRID(ST_MakePoint(107.2030, 39.1009), 4490)),
                (?, 'SGF-P5', 'F5 #1', 'SGF-F5', 'F5-001', ST_SetSRID(ST_MakePoint(107.2080, 39.1000), 4490)),
                (?, 'SGF-P3', 'F3 #1', 'SGF-F3', 'F3-001', ST_SetSRID(ST_MakePoint(107.1960, 39.1000), 4490)),
                (?, 'SGF-P4', 'F4 #1', 'SGF-F4', 'F4-001', ST_SetSRID(ST_MakePoint(107.2000, 39.1043), 4490))
                """, FEED, FEED, FEED, FEED, FEED);
        jdbc.update("""
                INSERT INTO grid.ring_main_unit (feed_id, source_id, name, kind, feeder_ref, total_bays, spare_bays, geom)
                VALUES (?, 'SGF-RMU2', 'RMU 2', 'RING_MAIN_UNIT', 'SGF-F2', 6, 3, ST_SetSRID(ST_MakePoint(107.2010, 39.0984), 4490))
                """, FEED);
        transformer("SGF-T1", 107.2000, 39.1012, 400, "PUBLIC", "SGF-F1");
        transformer("SGF-T2", 107.2020, 39.1000, 630, "PUBLIC", "SGF-F2");
        transformer("SGF-T3", 107.1990, 39.0990, 200, "DEDICATED", "SGF-F2");
        transformer("SGF-T4", 107.2000, 39.1030, 500, "PUBLIC", "SGF-F1");

        peak("MAIN_TRANSFORMER", "SGF-MT-A1", latest, 18_000, 0.9);
        peak("MAIN_TRANSFORMER", "SGF-MT-A1", latest.minusMonths(2), 15_000, 0.9);
        peak("MAIN_TRANSFORMER", "SGF-MT-A2", latest, 27_000, null);
        peak("MAIN_TRANSFORMER", "SGF-MT-B1", latest.minusMonths(1), 20_000, 0.8);
        peak("FEEDER", "SGF-F1", latest, 2_700, 0.9);
        peak("FEEDER", "SGF-F1", latest.minusMonths(13), 5_000, 0.9);
        peak("FEEDER", "SGF-F2", latest, 3_600, 0.9);
        peak("FEEDER", "SGF-F3", latest, 1_800, 0.9);
        peak("FEEDER", "SGF-F5", latest, 900, 0.9);
        peak("DISTRIBUTION_TRANSFORMER", "SGF-T1", latest, 252, 0.9);
        peak("DISTRIBUTION_TRANSFORMER", "SGF-T2", latest, 270, 0.9);
        peak("DISTRIBUTION_TRANSFORMER", "SGF-T4", latest, 180, 0.9);
        jdbc.update("""
                INSERT INTO capacity.commitment (case_ref, asset_type, asset_ref, committed_kva)
                VALUES ('SGF-CASE-1', 'FEEDER', 'SGF-F2', 500)
                """);
        events.publishEvent(new GridChanged(FEED, "fixture", Map.of(), true, null, Instant.now()));
    }

    void remove() {
        for (String table : new String[] {"distribution_transformer", "ring_main_unit", "pole", "feeder_section",
                "feeder", "busbar", "main_transformer", "substation"}) {
            jdbc.update("DELETE FROM grid." + table + " WHERE feed_id = ?", FEED);
        }
        jdbc.update("DELETE FROM grid.measured_peak_load WHERE feed_id = ?", FEED);
        jdbc.update("DELETE FROM capacity.commitment WHERE case_ref LIKE 'SGF-%'");
    }

    /** The latest month any load was delivered for (the fixture puts its peaks there), or this month. */
    YearMonth latestMonth() {
        Date d = jdbc.queryForObject("SELECT max(period_start) FROM grid.measured_peak_load WHERE feed_id <> ?",
                Date.class, FEED);
        return d == null ? YearMonth.now() : YearMonth.from(d.toLocalDate());
    }

    /** Assets of other feeds within {@code metres} of the site: the fixture's answers assume there are none. */
    int foreignAssetsNear(double metres) {
        Integer n = jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM grid.feeder WHERE feed_id <> ? AND ST_DWithin(geom::geography, s, ?))
                     + (SELECT count(*) FROM grid.feeder_section WHERE feed_id <> ? AND ST_DWithin(geom::geography, s, ?))
                     + (SELECT count(*) FROM grid.distribution_transformer WHERE feed_id <> ? AND ST_DWithin(geom::geography, s, ?))
                     + (SELECT count(*) FROM grid.substation WHERE feed_id <> ? AND ST_DWithin(geom::geography, s, ?))
                FROM (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography AS s) site
                """, Integer.class, FEED, metres, FEED, metres, FEED, metres, FEED, metres, SITE_LON, SITE_LAT);
        return n == null ? 0 : n;
    }

    private void substation(String id, double lon, double lat, String attributes) {
        jdbc.update("INSERT INTO grid.substation (feed_id, source_id, name, voltage_kv, geom, attributes) "
                + "VALUES (?, ?, ?, 110, ST_SetSRID(ST_MakePoint(?, ?), 4490), ?::jsonb)",
                FEED, id, id + " 110kV", lon, lat, attributes);
    }

    private void mainTransformer(String id, String substation, double kva) {
        jdbc.update("INSERT INTO grid.main_transformer (feed_id, source_id, name, substation_ref, rated_kva) "
                + "VALUES (?, ?, ?, ?, ?)", FEED, id, id, substation, kva);
    }

    private void busbar(String id, String substation, String mt) {
        jdbc.update("INSERT INTO grid.busbar (feed_id, source_id, name, substation_ref, main_transformer_ref) "
                + "VALUES (?, ?, ?, ?, ?)", FEED, id, id, substation, mt);
    }

    private void feeder(String id, String substation, String busbar, Double currentA, Double kva, String ties,
                        int customers, String wkt) {
        jdbc.update("INSERT INTO grid.feeder (feed_id, source_id, name, substation_ref, busbar_ref, voltage_kv, "
                + "rated_current_a, rated_kva, tie_feeder_refs, connected_customers, geom) "
                + "VALUES (?, ?, ?, ?, ?, 10, ?, ?, ?::text[], ?, ST_GeomFromText(?, 4490))",
                FEED, id, id + " 10kV", substation, busbar, currentA, kva, ties, customers, wkt);
    }

    private void section(String id, String feeder, String kind, String wkt) {
        jdbc.update("INSERT INTO grid.feeder_section (feed_id, source_id, name, feeder_ref, line_kind, geom) "
                + "VALUES (?, ?, ?, ?, ?, ST_GeomFromText(?, 4490))", FEED, id, id, feeder, kind, wkt);
    }

    private void transformer(String id, double lon, double lat, double kva, String ownership, String feeder) {
        jdbc.update("INSERT INTO grid.distribution_transformer (feed_id, source_id, name, kind, ownership, rated_kva, "
                + "feeder_ref, geom) VALUES (?, ?, ?, 'POLE_MOUNTED', ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4490))",
                FEED, id, id, ownership, kva, feeder, lon, lat);
    }

    private void peak(String type, String ref, YearMonth month, double kw, Double pf) {
        jdbc.update("INSERT INTO grid.measured_peak_load (feed_id, asset_type, asset_ref, period_start, period_end, "
                + "peak_kw, power_factor) VALUES (?, ?, ?, ?, ?, ?, ?)", FEED, type, ref,
                Date.valueOf(month.atDay(1)), Date.valueOf(month.atEndOfMonth()), kw, pf);
    }
}

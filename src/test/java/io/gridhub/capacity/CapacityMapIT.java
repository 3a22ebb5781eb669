package io.gridhub.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * GET /api/grid/capacity on a few hand-made assets (feed capacity-fixture, around 107.60°E 38.60°N):
 * every open-capacity term is in the GeoJSON properties.
 */
@HubIntegrationTest
class CapacityMapIT {

    private static final String FEED = "capacity-fixture";
    private static final String BBOX = "107.59,38.59,107.61,38.61";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PeakWindow window;

    private final ObjectMapper json = new ObjectMapper();

    private static Runnable cleanUp;

    @BeforeEach
    void install() {
        if (cleanUp != null) {
            return;
        }
        remove();
        cleanUp = this::remove;
        java.sql.Date latest = jdbc.queryForObject("SELECT coalesce(max(period_start), date_trunc('month', now())::date) "
                + "FROM grid.measured_peak_load", java.sql.Date.class);
        jdbc.update("INSERT INTO grid.substation (feed_id, source_id, name, voltage_kv, geom) VALUES "
                + "(?, 'CMF-SUB', 'CMF 35kV', 35, ST_SetSRID(ST_MakePoint(107.600, 38.600), 4490))", FEED);
        jdbc.update("INSERT INTO grid.main_transformer (feed_id, source_id, substation_ref, rated_kva) VALUES "
                + "(?, 'CMF-MT1', 'CMF-SUB', 10000), (?, 'CMF-MT2', 'CMF-SUB', 10000), (?, 'CMF-MT3', 'CMF-SUB', 10000)",
                FEED, FEED, FEED);
        jdbc.update("INSERT INTO grid.feeder (feed_id, source_id, substation_ref, rated_current_a, tie_feeder_refs, geom) "
                + "VALUES (?, 'CMF-F1', 'CMF-SUB', 300, '{A,B,C,D}', "
                + "ST_GeomFromText('MULTILINESTRING((107.600 38.600, 107.605 38.605))', 4490))", FEED);
        jdbc.update("INSERT INTO grid.distribution_transformer (feed_id, source_id, kind, ownership, rated_kva, feeder_ref, geom) "
                + "VALUES (?, 'CMF-T1', 'BOX_TYPE', 'PUBLIC', 630, 'CMF-F1', ST_SetSRID(ST_MakePoint(107.603, 38.603), 4490)),"
                + " (?, 'CMF-T2', 'BOX_TYPE', 'PUBLIC', 400, 'CMF-F1', ST_SetSRID(ST_MakePoint(107.604, 38.603), 4490))",
                FEED, FEED);
        String load = "INSERT INTO grid.measured_peak_load (feed_id, asset_type, asset_ref, period_start, period_end, "
                + "peak_kw, power_factor) VALUES (?, ?, ?, ?, ?::date + 27, ?, ?)";
        jdbc.update(load, FEED, "DISTRIBUTION_TRANSFORMER", "CMF-T1", latest, latest, 340.0, 0.85);
        jdbc.update(load, FEED, "FEEDER", "CMF-F1", latest, latest, 2000.0, null);
        for (String mt : new String[] {"CMF-MT1", "CMF-MT2", "CMF-MT3"}) {
            jdbc.update(load, FEED, "MAIN_TRANSFORMER", mt, latest, latest, 5400.0, 0.9);
        }
        jdbc.update("INSERT INTO capacity.commitment (case_ref, asset_type, asset_ref, committed_kva) "
                + "VALUES ('CMF-CASE', 'DISTRIBUTION_TRANSFORMER', 'CMF-T1', 50)");
        window.refresh();
    }

    @AfterAll
    static void removeFixture() {
        if (cleanUp != null) {
            cleanUp.run();
            cleanUp = null;
        }
    }

    void remove() {
        for (String t : new String[] {"distribution_transformer", "feeder", "main_transformer", "substation"}) {
            jdbc.update("DELETE FROM grid." + t + " WHERE feed_id = ?", FEED);
        }
        jdbc.update("DELETE FROM grid.measured_peak_load WHERE feed_id = ?", FEED);
        jdbc.update("DELETE FROM capacity.commitment WHERE case_ref = 'CMF-CASE'");
        window.refresh();
    }

    @Test
    void transformersCarryEveryTermAndMissingLoadStaysMissing() throws Exception {
        JsonNode fc = get("/api/grid/capacity?bbox=" + BBOX + "&type=DISTRIBUTION_TRANSFORMER");
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        JsonNode t1 = feature(fc, "DISTRIBUTION_TRANSFORMER:CMF-T1");
        assertThat(t1.path("geometry").path("type").asText()).isEqualTo("Point");
        JsonNode p = t1.path("properties");
        // 630 × 0.8 = 504; 340 kW ÷ 0.85 (measured) = 400 kVA; committed 50 × 1.0; open = 54
        assertThat(p.path("ratedKva").asDouble()).isEqualTo(630.0);
        assertThat(p.path("capUsed").asDouble()).isEqualTo(0.8);
        assertThat(p.path("peakKw").asDouble()).isEqualTo(340.0);
        assertThat(p.path("powerFactor").asDouble()).isEqualTo(0.85);
        assertThat(p.path("powerFactorMeasured").asBoolean()).isTrue();
        assertThat(p.path("peakKva").asDouble()).isEqualTo(400.0);
        assertThat(p.path("committedKva").asDouble()).isEqualTo(50.0);
        assertThat(p.path("openKva").asDouble()).isEqualTo(54.0);
        JsonNode t2 = feature(fc, "DISTRIBUTION_TRANSFORMER:CMF-T2").path("properties");
        assertThat(t2.path("loadMissing").asBoolean()).isTrue();
        assertThat(t2.path("openKva").isNull()).as("never zero load: open capacity unknown").isTrue();
        assertThat(t2.path("openUpperBoundKva").asDouble()).isEqualTo(320.0);
    }

    @Test
    void feederUsesRatedCurrentAndTheN1CapOfItsTies() throws Exception {
        JsonNode p = feature(get("/api/grid/capacity?bbox=" + BBOX + "&type=FEEDER"), "FEEDER:CMF-F1").path("properties");
        // √3 × 10 kV × 300 A = 5,196.2 kVA; 4 ties → the 3-tie cap 75 % = 3,897.1; 2,000 kW ÷ 0.9 = 2,222.2
        assertThat(p.path("ratedKva").asDouble()).isCloseTo(5196.2, within(0.05));
        assertThat(p.path("capUsed").asDouble()).isEqualTo(0.75);
        assertThat(p.path("powerFactorMeasured").asBoolean()).isFalse();
        assertThat(p.path("openKva").asDouble()).isCloseTo(3897.1 - 2222.2, within(0.1));
        assertThat(feature(get("/api/grid/capacity?bbox=" + BBOX + "&type=FEEDER"), "FEEDER:CMF-F1")
                .path("geometry").path("type").asText()).isEqualTo("MultiLineString");
    }

    @Test
    void mainTransformersAndSubstationsUseTheThreeTransformerCap() throws Exception {
        JsonNode fc = get("/api/grid/capacity?bbox=" + BBOX + "&type=MAIN_TRANSFORMER,SUBSTATION");
        JsonNode mt = feature(fc, "MAIN_TRANSFORMER:CMF-MT1").path("properties");
        // 10,000 × 0.87 − 5,400 ÷ 0.9 = 8,700 − 6,000 = 2,700
        assertThat(mt.path("capUsed").asDouble()).isEqualTo(0.87);
        assertThat(mt.path("openKva").asDouble()).isEqualTo(2700.0);
        JsonNode sub = feature(fc, "SUBSTATION:CMF-SUB").path("properties");
        assertThat(sub.path("ratedKva").asDouble()).isEqualTo(30000.0);
        assertThat(sub.path("openKva").asDouble()).isEqualTo(8100.0);
    }

    @Test
    void badParametersAre400sNamingTheField() throws Exception {
        assertBad("/api/grid/capacity?type=FEEDER", "bbox");
        assertBad("/api/grid/capacity?bbox=107,38,x,39", "bbox");
        assertBad("/api/grid/capacity?bbox=108,38,107,39", "bbox");
        assertBad("/api/grid/capacity?bbox=" + BBOX + "&type=POLE", "type");
        assertBad("/api/grid/capacity?bbox=" + BBOX + "&type=TOWER", "type");
    }

    private void assertBad(String url, String field) throws Exception {
        ResponseEntity<String> r = http.withBasicAuth("gis", "gis123").getForEntity(url, String.class);
        assertThat(r.getStatusCode()).as(url).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(r.getBody()).path("field").asText()).isEqualTo(field);
    }

    private JsonNode get(String url) throws Exception {
        ResponseEntity<String> r = http.withBasicAuth("gis", "gis123").getForEntity(url, String.class);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(r.getBody());
    }

    private static JsonNode feature(JsonNode fc, String id) {
        for (JsonNode f : fc.path("features")) {
            if (f.path("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError(id + " not in " + fc);
    }
}

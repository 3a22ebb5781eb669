package io.gridhub.feeds;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The feeds API and GET /api/grid/assets: who may do what, and bad input answered 400 naming the field. */
@HubIntegrationTest
class FeedApiIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    final ObjectMapper json = new ObjectMapper();

    JsonNode get(String user, String path, HttpStatus expected) throws Exception {
        ResponseEntity<String> r = http.withBasicAuth(user, user + "123").getForEntity(path, String.class);
        assertThat(r.getStatusCode()).as(path + " → " + r.getBody()).isEqualTo(expected);
        return json.readTree(r.getBody());
    }

    @Test
    void everyoneLoggedInReadsFeedsButOnlyGisAnalystsAndAdminsStartRuns() throws Exception {
        JsonNode feeds = get("cm", "/api/feeds", HttpStatus.OK);
        assertThat(feeds.findValuesAsText("id")).contains("test-wfs", "test-drop", "test-mis", "ordos-sample");
        assertThat(feeds.toString()).doesNotContain("password").doesNotContain("gridhub\"");

        assertThat(http.getForEntity("/api/feeds", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        long before = jdbc.queryForObject("SELECT count(*) FROM feeds.feed_run WHERE feed_id = 'test-wfs'", Long.class);
        assertThat(http.postForEntity("/api/feeds/test-wfs/runs", null, String.class).getStatusCode().is4xxClientError()).isTrue();
        assertThat(http.withBasicAuth("cm", "cm123").postForEntity("/api/feeds/test-wfs/runs", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM feeds.feed_run WHERE feed_id = 'test-wfs'", Long.class)).isEqualTo(before);
        assertThat(http.withBasicAuth("admin", "admin123").postForEntity("/api/feeds/no-such-feed/runs", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("gis", "gis123").postForEntity("/api/feeds/test-drop/runs", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void badRunIdsAndPagingAreRefusedNamingTheField() throws Exception {
        assertThat(get("cm", "/api/feeds/runs/not-a-run", HttpStatus.BAD_REQUEST).path("field").asText()).isEqualTo("runId");
        get("cm", "/api/feeds/runs/" + UUID.randomUUID(), HttpStatus.NOT_FOUND);
        UUID run = jdbc.queryForObject("INSERT INTO feeds.feed_run (id, feed_id, trigger, status) VALUES (gen_random_uuid(),"
                + " 'test-drop', 'MANUAL', 'FAILED') RETURNING id", UUID.class);
        JsonNode r = get("dispatcher", "/api/feeds/runs/" + run, HttpStatus.OK);
        for (String field : List.of("status", "read", "inserted", "updated", "unchanged", "retired", "quarantined")) {
            assertThat(r.has(field)).as(field).isTrue();
        }
        assertThat(get("cm", "/api/feeds/runs/" + run + "/quarantine?limit=abc", HttpStatus.BAD_REQUEST).path("field").asText())
                .isEqualTo("limit");
        assertThat(get("cm", "/api/feeds/runs/" + run + "/quarantine", HttpStatus.OK).isArray()).isTrue();
    }

    @Test
    void gridAssetsAreAGeoJsonFeatureCollectionFilteredByTypeAndBbox() throws Exception {
        for (int i = 0; i < 4; i++) {
            jdbc.update("INSERT INTO grid.ring_main_unit (feed_id, source_id, name, kind, feeder_ref, total_bays, spare_bays, geom)"
                    + " VALUES ('test-api', ?, '环网柜', 'RING_MAIN_UNIT', 'FDR-A1', 6, 2, ST_SetSRID(ST_MakePoint(?, 39.85), 4490))"
                    + " ON CONFLICT DO NOTHING", "RMU-API-" + i, 110.5 + i * 0.01);
        }
        JsonNode fc = get("pm", "/api/grid/assets?type=ring_main_unit&bbox=110.505,39.8,110.6,39.9&limit=2", HttpStatus.OK);
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.path("features")).hasSize(2);
        JsonNode f = fc.path("features").get(0);
        assertThat(f.path("type").asText()).isEqualTo("Feature");
        assertThat(f.path("geometry").path("type").asText()).isEqualTo("Point");
        assertThat(f.path("geometry").path("coordinates").get(0).asDouble()).isEqualTo(110.51);
        assertThat(f.path("properties").path("source_id").asText()).isEqualTo("RMU-API-1");
        assertThat(f.path("properties").path("spare_bays").asInt()).isEqualTo(2);

        Map<String, String> bad = Map.of(
                "/api/grid/assets?type=windmill", "type",
                "/api/grid/assets?bbox=1,2,3", "bbox",
                "/api/grid/assets?bbox=110,40,109,39", "bbox",
                "/api/grid/assets?bbox=a,2,3,4", "bbox",
                "/api/grid/assets?limit=0", "limit",
                "/api/grid/assets?limit=1000000", "limit");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            assertThat(get("pm", b.getKey(), HttpStatus.BAD_REQUEST).path("field").asText()).as(b.getKey()).isEqualTo(b.getValue());
        }
    }
}

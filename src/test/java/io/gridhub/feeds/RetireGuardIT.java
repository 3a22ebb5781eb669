package io.gridhub.feeds;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 item 1: a GIS layer that answers 200 with nothing, or whose every record is refused,
 * must not retire the grid. The feed {@code test-hostile-guard} reads ten poles over OGC API from
 * {@link HostileGisServer}; the layer then turns empty, moves to Beijing (a CRS gone wrong) and
 * loses three poles (30 %, above the 20 % guard) before a GIS analyst forces that last snapshot.
 */
@HubIntegrationTest
@ExtendWith(HostileGisServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetireGuardIT {

    static final String FEED = "test-hostile-guard";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FeedRunRepository runs;

    @BeforeEach
    void reset() {
        HostileGisServer.reset();
    }

    static List<TestGrid.Feature> poles(int n, double lon, double lat) {
        List<TestGrid.Feature> poles = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            poles.add(TestGrid.f("GUARD-" + i, TestGrid.point(lon + i * 0.001, lat), "feeder_ref", "FDR-A1"));
        }
        return poles;
    }

    static void serve(List<TestGrid.Feature> features) {
        String body = TestGrid.featureCollection(features);
        HostileGisServer.on("/guard/collections/poles/items", ex -> HostileGisServer.json(ex, body));
    }

    long inService() {
        return jdbc.queryForObject("SELECT count(*) FROM grid.pole WHERE feed_id = ? AND lifecycle = 'IN_SERVICE'",
                Long.class, FEED);
    }

    FeedRun run(String user) throws Exception {
        ResponseEntity<String> r = http.withBasicAuth(user, user + "123")
                .postForEntity("/api/feeds/" + FEED + "/runs", null, String.class);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return FeedRuns.await(runs, UUID.fromString(new ObjectMapper().readTree(r.getBody()).path("runId").asText()));
    }

    FeedRun forced(String user) throws Exception {
        ResponseEntity<String> r = http.withBasicAuth(user, user + "123")
                .postForEntity("/api/feeds/" + FEED + "/runs?force=true", null, String.class);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return FeedRuns.await(runs, UUID.fromString(new ObjectMapper().readTree(r.getBody()).path("runId").asText()));
    }

    @Test
    @Order(1)
    void theFirstSnapshotLoads() throws Exception {
        serve(poles(10, 109.95, 39.80));
        FeedRun first = run("gis");
        assertThat(first.status()).as(first.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(first.inserted()).isEqualTo(10);
        assertThat(inService()).isEqualTo(10);
    }

    @Test
    @Order(2)
    void anEmptyLayerFailsTheRunAndRetiresNothing() throws Exception {
        serve(List.of());
        FeedRun empty = run("gis");
        assertThat(empty.status()).isEqualTo(FeedRun.FAILED);
        assertThat(empty.error()).contains("holds no records").contains("force");
        assertThat(inService()).isEqualTo(10);
    }

    @Test
    @Order(3)
    void recordsAllQuarantinedKeepTheirLastGoodVersion() throws Exception {
        serve(poles(10, 116.30, 39.90)); // the same poles, in Beijing: a CRS gone wrong
        FeedRun moved = run("gis");
        assertThat(moved.status()).as(moved.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(moved.quarantined()).isEqualTo(10);
        assertThat(moved.retired()).isZero();
        assertThat(inService()).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT ST_X(geom) FROM grid.pole WHERE feed_id = ? AND source_id = 'GUARD-1'",
                Double.class, FEED)).isCloseTo(109.951, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    @Order(4)
    void retiringMoreThanTheGuardAllowsFailsUntilAGisAnalystForcesIt() throws Exception {
        serve(poles(7, 109.95, 39.80));
        FeedRun guarded = run("gis");
        assertThat(guarded.status()).isEqualTo(FeedRun.FAILED);
        assertThat(guarded.error()).contains("retire guard").contains("3 of the feed's 10 in-service pole");
        assertThat(inService()).isEqualTo(10);

        // an admin starts runs, but the judgement that the assets are gone is the GIS analysts'
        ResponseEntity<String> admin = http.withBasicAuth("admin", "admin123")
                .postForEntity("/api/feeds/" + FEED + "/runs?force=true", null, String.class);
        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> bad = http.withBasicAuth("gis", "gis123")
                .postForEntity("/api/feeds/" + FEED + "/runs?force=yes", null, String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("\"field\":\"force\"");

        FeedRun forced = forced("gis");
        assertThat(forced.status()).as(forced.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(forced.retired()).isEqualTo(3);
        assertThat(forced.forcedBy()).isEqualTo("gis");
        assertThat(inService()).isEqualTo(7);
    }

    @Test
    @Order(5)
    void aSmallChangeWithinTheGuardNeedsNoForce() throws Exception {
        serve(poles(6, 109.95, 39.80)); // one of seven: 14 %
        FeedRun small = run("gis");
        assertThat(small.status()).as(small.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(small.retired()).isEqualTo(1);
        assertThat(small.forcedBy()).isNull();
    }
}

package io.gridhub.feeds;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds against a real MapServer 8 over PostGIS: WFS 2.0 paged by the server's CountDefault (5)
 * rather than the feed's page size (7), in the store's CRS and in Gauss–Krüger; OGC API –
 * Features in one page, and MapServer 8.0.0's broken offset paging on PostGIS layers (MapServer
 * issue #6613, fixed after 8.0.0) caught instead of loaded; OGC API – Features across 23 pages of
 * a shapefile layer exported from the same table, which 8.0.0 does page correctly.
 */
@HubIntegrationTest
@ExtendWith(MapServerExtension.class)
class MapServerFeedIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FeedRunRepository runs;
    @Autowired
    FeedRunService service;
    @Autowired
    TestRestTemplate http;

    /** Source poles: id → WKT, straight from the GIS database. */
    static Map<String, String> source() throws Exception {
        Map<String, String> wkt = new HashMap<>();
        try (Connection c = MapServerExtension.gisDb(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sbbm, ST_AsText(geom) FROM gis.poles")) {
            while (rs.next()) {
                wkt.put(rs.getString(1), rs.getString(2));
            }
        }
        return wkt;
    }

    Map<String, String> loaded(String feedId) {
        return loaded(feedId, "geom");
    }

    Map<String, String> loaded(String feedId, String geom) {
        Map<String, String> wkt = new HashMap<>();
        jdbc.query("SELECT source_id, ST_AsText(" + geom + ") FROM grid.pole WHERE feed_id = ? AND lifecycle <> 'RETIRED'",
                rs -> {
                    wkt.put(rs.getString(1), rs.getString(2));
                }, feedId);
        return wkt;
    }

    @Test
    void wfsPagesByTheServersLimitAndLoadsExactlyTheSource() throws Exception {
        ResponseEntity<Map> started = http.withBasicAuth("gis", "gis123").postForEntity("/api/feeds/test-wfs/runs", null, Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        FeedRun run = FeedRuns.await(runs, UUID.fromString((String) started.getBody().get("runId")));
        assertThat(run.status()).as(run.error()).isEqualTo("SUCCEEDED");
        assertThat(run.read()).isEqualTo(MapServerExtension.POLES);
        assertThat(run.inserted()).isEqualTo(MapServerExtension.POLES);
        assertThat(run.quarantined()).isZero();
        assertThat(loaded("test-wfs")).isEqualTo(source());
        assertThat(jdbc.queryForObject("SELECT name FROM grid.pole WHERE feed_id = 'test-wfs' AND source_id = 'GT-0007'",
                String.class)).isEqualTo("东05线#7杆");
        // 137 features at CountDefault 5: 28 pages, not 20 pages of 7
        assertThat(jdbc.queryForObject("SELECT count(*) FROM feeds.feed_run WHERE id = ? AND phase = 'done'", Long.class, run.id()))
                .isEqualTo(1);

        // nothing changed at the source: nothing rewritten
        FeedRun again = FeedRuns.await(runs, service.startManual("test-wfs"));
        assertThat(again.unchanged()).isEqualTo(MapServerExtension.POLES);
        assertThat(again.inserted() + again.updated() + again.retired()).isZero();
    }

    @Test
    void wfsInGaussKrugerComesBackToCgcs2000WithinAMillimetre() throws Exception {
        FeedRun run = FeedRuns.await(runs, service.startManual("test-wfs-4546"));
        assertThat(run.status()).as(run.error()).isEqualTo("SUCCEEDED");
        assertThat(run.inserted()).isEqualTo(MapServerExtension.POLES);
        Double worst;
        try (Connection c = MapServerExtension.gisDb(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(sbbm || ' ' || ST_X(geom) || ' ' || ST_Y(geom), ',') FROM gis.poles")) {
            rs.next();
            worst = jdbc.queryForObject("""
                    SELECT max(greatest(abs(ST_X(p.geom) - split_part(s, ' ', 2)::float8), abs(ST_Y(p.geom) - split_part(s, ' ', 3)::float8)))
                    FROM unnest(string_to_array(?, ',')) s JOIN grid.pole p ON p.source_id = split_part(s, ' ', 1) AND p.feed_id = 'test-wfs-4546'
                    """, Double.class, rs.getString(1));
        }
        assertThat(worst).isLessThan(1e-8);
    }

    @Test
    void ogcApiFeaturesInOnePageLoadsExactlyTheSource() throws Exception {
        FeedRun run = FeedRuns.await(runs, service.startManual("test-ogcapi-1page"));
        assertThat(run.status()).as(run.error()).isEqualTo("SUCCEEDED");
        assertThat(run.inserted()).isEqualTo(MapServerExtension.POLES);
        // MapServer's OGC API writer prints float noise in the tenth decimal (39.8150491001, 10 µm):
        // at the source's seven decimals the geometries are identical
        assertThat(loaded("test-ogcapi-1page", "geom, 7")).isEqualTo(source());
    }

    @Test
    void ogcApiFeaturesAcrossSeveralPagesOfAShapefileLayerLoadsExactlyTheSource() throws Exception {
        // poles_shp: gis.poles exported to a shapefile, a layer kind MapServer 8.0.0 pages by offset
        List<String> before = Files.readAllLines(MapServerExtension.accessLog());
        FeedRun run = FeedRuns.await(runs, service.startManual("test-ogcapi-pages"));
        assertThat(run.status()).as(run.error()).isEqualTo("SUCCEEDED");
        assertThat(run.read()).isEqualTo(MapServerExtension.POLES);
        assertThat(run.inserted()).isEqualTo(MapServerExtension.POLES);
        assertThat(run.quarantined()).isZero();
        assertThat(loaded("test-ogcapi-pages")).isEqualTo(source());
        assertThat(jdbc.queryForObject("SELECT name FROM grid.pole WHERE feed_id = 'test-ogcapi-pages' AND source_id = 'GT-0007'",
                String.class)).isEqualTo("东05线#7杆");

        // 137 poles at limit 6: 23 pages, the first without offset and then each next link once
        // (lighttpd buffers its access log for a moment)
        int expectedPages = (MapServerExtension.POLES + 5) / 6;
        List<String> pages = org.awaitility.Awaitility.await("lighttpd logs every page").atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> Files.readAllLines(MapServerExtension.accessLog()).stream().skip(before.size())
                        .filter(l -> l.contains("/collections/poles_shp/items")).toList(), l -> l.size() >= expectedPages);
        assertThat(pages).hasSize(expectedPages);
        assertThat(pages).allMatch(l -> l.contains("limit=6"));
        Set<String> offsets = new TreeSet<>();
        for (String l : pages) {
            Matcher m = Pattern.compile("[?&]offset=(\\d+)").matcher(l);
            offsets.add(m.find() ? m.group(1) : "0");
        }
        assertThat(offsets).hasSize(pages.size());

        // nothing changed at the source: nothing rewritten
        FeedRun again = FeedRuns.await(runs, service.startManual("test-ogcapi-pages"));
        assertThat(again.status()).as(again.error()).isEqualTo("SUCCEEDED");
        assertThat(again.unchanged()).isEqualTo(MapServerExtension.POLES);
        assertThat(again.inserted() + again.updated() + again.retired()).isZero();
    }

    @Test
    void ogcApiPagingThatRepeatsPagesFailsTheRunInsteadOfLoadingIt() throws Exception {
        // MapServer 8.0.0 ignores offset on database layers: every "next" page is the first one again
        FeedRun run = FeedRuns.await(runs, service.startManual("test-ogcapi"));
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).contains("page 2 starts with the same feature as page 1").contains("ignores the paging offset");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid.pole WHERE feed_id = 'test-ogcapi'", Long.class)).isZero();
    }
}

package io.gridhub.feeds;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 items 6 and 7 against {@link HostileGisServer}: credentials in a feed's URL and its
 * Basic password appear in no API answer, run record or log line, and Basic goes only to the
 * configured host (not to a redirect elsewhere); a server that ignores paging, never stops paging
 * or trickles a body fails the run with a clear reason instead of hanging it; so does a MIS query
 * that never returns. Test bounds (feeds/test-feeds.yml): page timeout 2 s, 60 requests, query
 * timeout 2 s.
 */
@HubIntegrationTest
@ExtendWith(HostileGisServer.class)
class HttpSourceHardeningIT {

    static final String CAPABILITIES = """
            <wfs:WFS_Capabilities xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:ows="http://www.opengis.net/ows/1.1">
              <ows:OperationsMetadata>
                <ows:Operation name="GetFeature">
                  <ows:Parameter name="outputFormat">
                    <ows:AllowedValues><ows:Value>application/json; subtype=geojson</ows:Value></ows:AllowedValues>
                  </ows:Parameter>
                </ows:Operation>
              </ows:OperationsMetadata>
            </wfs:WFS_Capabilities>""";

    @Autowired
    FeedRunService service;
    @Autowired
    FeedRunRepository runs;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        HostileGisServer.reset();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    String logText() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent e : log.list) {
            all.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                all.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        return all.toString();
    }

    static boolean request(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        return q != null && q.toUpperCase(java.util.Locale.ROOT).contains("REQUEST=" + name.toUpperCase(java.util.Locale.ROOT));
    }

    static String poles(long from, int n) {
        List<TestGrid.Feature> f = new ArrayList<>();
        for (long i = from; i < from + n; i++) {
            f.add(TestGrid.f("WFS-" + i, TestGrid.point(109.95 + (i % 1000) * 0.0001, 39.80), "feeder_ref", "FDR-A1"));
        }
        return TestGrid.featureCollection(f);
    }

    static long startIndex(HttpExchange ex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("STARTINDEX=(\\d+)").matcher(ex.getRequestURI().getRawQuery());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void credentialsReachNoAnswerRecordOrLogAndBasicGoesOnlyToTheConfiguredHost() throws Exception {
        HostileGisServer.on("/secret/wfs", ex -> {
            if (request(ex, "GetCapabilities")) {
                HostileGisServer.send(ex, 200, "application/xml", CAPABILITIES);
            } else { // GetFeature: off to another host (localhost is not 127.0.0.1), same port
                ex.getResponseHeaders().add("Location", "http://localhost:" + HostileGisServer.port()
                        + "/elsewhere/features?" + ex.getRequestURI().getRawQuery());
                ex.sendResponseHeaders(302, -1);
            }
        });
        HostileGisServer.on("/elsewhere", ex -> HostileGisServer.send(ex, 403, "text/plain",
                "forbidden: " + ex.getRequestURI()));

        FeedRun run = FeedRuns.await(runs, service.startManual("test-hostile-secret"));
        assertThat(run.status()).isEqualTo(FeedRun.FAILED);
        assertThat(run.error()).contains("HTTP 403").contains("localhost");

        List<HostileGisServer.Seen> seen = HostileGisServer.REQUESTS;
        assertThat(seen).filteredOn(s -> s.path().startsWith("/secret")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.authorization()).startsWith("Basic "));
        assertThat(seen).filteredOn(s -> s.path().startsWith("/elsewhere")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.authorization()).as("Basic sent to another host").isNull());

        String answers = http.withBasicAuth("cm", "cm123").getForObject("/api/feeds", String.class)
                + http.withBasicAuth("cm", "cm123").getForObject("/api/feeds/runs/" + run.id(), String.class)
                + http.withBasicAuth("cm", "cm123").getForObject("/api/feeds/runs/" + run.id() + "/quarantine", String.class);
        String record = jdbc.queryForObject("SELECT concat_ws(' ', source, error, phase) FROM feeds.feed_run WHERE id = ?",
                String.class, run.id());
        for (String where : List.of(answers, record, logText())) {
            assertThat(where).isNotEmpty().doesNotContain("S3CRET").doesNotContain("gisreader:");
        }
        assertThat(answers).contains("token=***").contains("apikey=***");
        assertThat(logText()).contains("test-hostile-secret");
    }

    @Test
    void aWfsThatIgnoresStartIndexFailsAtItsSecondPage() throws Exception {
        HostileGisServer.on("/wfs", ex -> {
            if (request(ex, "GetCapabilities")) {
                HostileGisServer.send(ex, 200, "application/xml", CAPABILITIES);
            } else {
                HostileGisServer.json(ex, poles(0, 2)); // page 1, whatever STARTINDEX says
            }
        });
        FeedRun run = FeedRuns.await(runs, service.startManual("test-hostile-wfs"));
        assertThat(run.status()).isEqualTo(FeedRun.FAILED);
        assertThat(run.error()).contains("page 2 starts with the same feature as page 1");
        assertThat(HostileGisServer.REQUESTS).hasSize(3);
    }

    @Test
    void aWfsThatNeverStopsPagingFailsAtThePageLimit() throws Exception {
        HostileGisServer.on("/wfs", ex -> {
            if (request(ex, "GetCapabilities")) {
                HostileGisServer.send(ex, 200, "application/xml", CAPABILITIES);
            } else {
                HostileGisServer.json(ex, poles(startIndex(ex), 2)); // always a full page of new poles
            }
        });
        FeedRun run = FeedRuns.await(runs, service.startManual("test-hostile-wfs"));
        assertThat(run.status()).isEqualTo(FeedRun.FAILED);
        assertThat(run.error()).contains("more than 60 requests").contains("max-pages");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid.pole WHERE feed_id = 'test-hostile-wfs'", Long.class)).isZero();
    }

    @Test
    void aBodyThatTricklesForeverFailsTheRunAfterThePageTimeout() throws Exception {
        HostileGisServer.on("/wfs", ex -> {
            if (request(ex, "GetCapabilities")) {
                HostileGisServer.send(ex, 200, "application/xml", CAPABILITIES);
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "application/geo+json");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 600; i++) { // a byte every 100 ms: never a read timeout, never the end
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        FeedRun run = FeedRuns.await(runs, service.startManual("test-hostile-wfs"));
        assertThat(run.status()).isEqualTo(FeedRun.FAILED);
        assertThat(run.error()).contains("page not complete after 2000 ms").contains("page-timeout");
        assertThat((System.nanoTime() - t0) / 1e9).as("three attempts of 2 s, not a minute").isLessThan(30);
    }

    @Test
    void aMisQueryThatNeverReturnsFailsAfterTheQueryTimeout() throws Exception {
        UUID id = service.startManual("test-hostile-jdbc");
        FeedRun run = FeedRuns.await(runs, id);
        assertThat(run.status()).isEqualTo(FeedRun.FAILED);
        assertThat(run.error()).contains("MIS query failed").contains("cancel");
        assertThat(java.time.Duration.between(run.startedAt(), run.finishedAt()).toSeconds()).isLessThan(15);
    }
}

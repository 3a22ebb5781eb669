package io.gridhub.feeds;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.gridhub.HubIntegrationTest;
import io.gridhub.messaging.BrokerProperties;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ArcGIS REST through a replaying server: pages capped by the layer's maxRecordCount, followed
 * while exceededTransferLimit, where/outFields/outSR sent, pinyin attributes with codes and
 * per-record units mapped; a 503 layer retried with back-off, then the run failed. After a run
 * that changed the store, the grid-changed topic carries its counts and extent.
 */
@HubIntegrationTest
@ExtendWith(ArcGisReplayServer.class)
class ArcGisFeedIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FeedRunRepository runs;
    @Autowired
    FeedRunService service;
    @Autowired
    ConnectionFactory jms;
    @Autowired
    BrokerProperties broker;

    @Test
    void pagesWhileTheServerExceedsItsTransferLimitAndAnnouncesTheChange() throws Exception {
        ArcGisReplayServer.REQUESTS.clear();
        try (Connection c = jms.createConnection()) {
            c.start();
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer topic = session.createConsumer(session.createTopic(broker.gridChangedTopic()));
            FeedRun run = FeedRuns.await(runs, service.startManual("test-arcgis"));
            assertThat(run.status()).as(run.error()).isEqualTo("SUCCEEDED");
            assertThat(run.read()).isEqualTo(21);
            assertThat(run.inserted()).isEqualTo(20);
            assertThat(run.quarantined()).isEqualTo(1);
            assertThat(runs.quarantined(run.id(), 100, 0)).filteredOn(q -> q.disposition().equals("QUARANTINED")).singleElement()
                    .satisfies(q -> assertThat(q.reason()).isEqualTo("rated_kva: unknown unit '马力'"));

            // an IEC 61968-100 EventMessage (changed GridChange) sent through the outbox; other runs' may come too
            List<String> ofThisRun = new java.util.ArrayList<>();
            for (TextMessage m; (m = (TextMessage) topic.receive(ofThisRun.isEmpty() ? 10_000 : 500)) != null;) {
                MessageEnvelope event = new Iec61968Codec().read(m.getText());
                assertThat(event.header().noun()).isEqualTo("GridChange");
                if (event.payloadXml().contains("<RunId>" + run.id() + "</RunId>")) {
                    ofThisRun.add(event.payloadXml());
                }
            }
            assertThat(ofThisRun).as("one grid-changed message per run").singleElement().asString()
                    .contains("<Changed type=\"DISTRIBUTION_TRANSFORMER\">20</Changed>")
                    .contains("minLon=\"109.96071\"");
        }
        List<Map<String, String>> queries = ArcGisReplayServer.REQUESTS.stream()
                .filter(r -> r.get("path").endsWith("/query")).toList();
        assertThat(queries).extracting(q -> q.get("resultOffset")).containsExactly("0", "8", "16");
        assertThat(queries).allSatisfy(q -> {
            assertThat(q.get("resultRecordCount")).isEqualTo("8"); // the layer's maxRecordCount beats page-size 10
            assertThat(q.get("where")).isEqualTo("SYZT = '在运'");
            assertThat(q.get("outFields")).isEqualTo("*");
            assertThat(q.get("outSR")).isEqualTo("4490");
            assertThat(q.get("f")).isEqualTo("geojson");
        });
        // 0.63 MVA → 630 kVA; codes mapped
        Map<String, Object> pb5 = jdbc.queryForMap("SELECT rated_kva, kind, ownership, name, attributes->>'SYZT' AS syzt"
                + " FROM grid.distribution_transformer WHERE feed_id = 'test-arcgis' AND source_id = 'PB-0005'");
        assertThat((BigDecimal) pb5.get("rated_kva")).isEqualByComparingTo("630");
        assertThat(pb5.get("kind")).isEqualTo("POLE_MOUNTED");
        assertThat(pb5.get("ownership")).isEqualTo("PUBLIC");
        assertThat(pb5.get("syzt")).isEqualTo("在运");
        assertThat(jdbc.queryForObject("SELECT ownership FROM grid.distribution_transformer WHERE source_id = 'PB-0004'",
                String.class)).isEqualTo("DEDICATED");
    }

    @Test
    void aServerThatKeepsFailingIsRetriedWithBackoffThenTheRunFails() throws Exception {
        ArcGisReplayServer.REQUESTS.clear();
        long before = System.nanoTime();
        FeedRun run = FeedRuns.await(runs, service.startManual("test-arcgis-down"));
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).contains("HTTP 503").contains("after 3 attempts");
        assertThat(ArcGisReplayServer.REQUESTS).hasSize(3);
        // back-off 100 ms then 200 ms
        assertThat((System.nanoTime() - before) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid.distribution_transformer WHERE feed_id = 'test-arcgis-down'",
                Long.class)).isZero();
    }
}

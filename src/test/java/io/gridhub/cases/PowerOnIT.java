package io.gridhub.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridhub.HubIntegrationTest;
import io.gridhub.grid.GridChanged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.gridhub.cases.CaseApi.json;
import static io.gridhub.cases.CaseApi.newCase;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Power-on closes the loop (io.gridhub.poweron) on the {@link CasesGridFixture}: a low-voltage case
 * whose confirmed plan promised CASES-T1 on CASES-F1 (10 customers before) is connected.
 */
@HubIntegrationTest
class PowerOnIT {

    static final String UNIT = "东胜供电所";

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired ApplicationEventPublisher events;
    @org.springframework.beans.factory.annotation.Value("${hub.broker.port}") int brokerPort;

    private static CasesGridFixture fixture;

    @BeforeEach
    void fixture() {
        if (fixture == null) {
            fixture = new CasesGridFixture(jdbc, events);
            fixture.install();
        }
    }

    @AfterAll
    static void removeFixture() {
        if (fixture != null) {
            fixture.remove();
            fixture = null;
        }
    }

    CaseApi as(String user) {
        return new CaseApi(http, user);
    }

    List<String> statuses(String caseNo) {
        return jdbc.queryForList("SELECT asset_type || ' ' || status || ' ' || (connected_at IS NOT NULL)"
                + " FROM capacity.commitment WHERE case_ref = ? ORDER BY asset_type", String.class, caseNo);
    }

    void loadsArrived() {
        events.publishEvent(new GridChanged("test", "power-on", Map.of(), true, null, Instant.now()));
    }

    @Test
    void aConnectedCustomerJoinsTheRegisterIsSentToTheGisAndItsPromiseGivesWayToTheMeasuredPeak() throws Exception {
        jdbc.update("DELETE FROM register.pending_gis_edit WHERE case_no = 'IT-PO-1'");
        jdbc.update("DELETE FROM register.customer WHERE customer_no = 'PO-CUST-1'");
        ResponseEntity<String> created = as("cm").post("/api/cases",
                newCase("IT-PO-1", UNIT, "\"requestedKw\": 18", "RESIDENTIAL", "\"customerNo\": \"PO-CUST-1\""));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        as("cm").post("/api/cases/IT-PO-1/stages/SITE_SURVEY", null);
        assertThat(as("cm").post("/api/cases/IT-PO-1/stages/PLAN_REPLY", "{\"gridWorks\": true}").getStatusCode().value())
                .isEqualTo(200);
        String planId = json(as("cm").get("/api/cases/IT-PO-1/plans")).get(0).path("planId").asText();
        ResponseEntity<String> confirmed = as("cm").post("/api/plans/" + planId + "/confirm", null);
        assertThat(confirmed.getStatusCode().value()).as(confirmed.getBody()).isEqualTo(200);
        assertThat(statuses("IT-PO-1")).contains("DISTRIBUTION_TRANSFORMER ACCEPTED false", "FEEDER ACCEPTED false");
        Integer before = jdbc.queryForObject("SELECT connected_customers FROM grid.feeder WHERE source_id = 'CASES-F1'", Integer.class);

        ResponseEntity<String> on = as("cm").post("/api/cases/IT-PO-1/stages/POWER_ON", null);
        assertThat(on.getStatusCode().value()).as(on.getBody()).isEqualTo(200);

        // the customer joins the register on the promised transformer and feeder; the counts change
        assertThat(jdbc.queryForObject("SELECT transformer_ref || ' ' || feeder_ref || ' ' || status || ' ' || feed_id || ' '"
                + " || usage_category || ' ' || round(ST_X(geom)::numeric, 4) FROM register.customer WHERE customer_no = 'PO-CUST-1'",
                String.class)).isEqualTo("CASES-T1 CASES-F1 ACTIVE power-on RESIDENTIAL 108.0000");
        assertThat(jdbc.queryForObject("SELECT connected_customers FROM grid.feeder WHERE source_id = 'CASES-F1'", Integer.class))
                .isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("SELECT customers FROM register.connected_customers"
                + " WHERE asset_type = 'DISTRIBUTION_TRANSFORMER' AND asset_ref = 'CASES-T1'", Long.class)).isEqualTo(1L);

        // the promise still counts: no measured peak includes the new load yet
        loadsArrived();
        assertThat(statuses("IT-PO-1")).contains("DISTRIBUTION_TRANSFORMER ACCEPTED true", "FEEDER ACCEPTED true");

        // the GIS is told, through the outbox, on its own queue
        Map<String, Object> message = jdbc.queryForMap("SELECT address, verb, noun, body FROM messaging.outbox"
                + " WHERE message_id = 'usage-point-created-IT-PO-1'");
        assertThat(message.get("address")).isEqualTo("gridhub.gis.edits");
        assertThat(message.get("verb")).isEqualTo("created");
        assertThat(message.get("noun")).isEqualTo("UsagePoint");
        assertThat((String) message.get("body")).contains("urn:gridhub:register:1", "<customerNo>PO-CUST-1</customerNo>",
                "<transformerRef>CASES-T1</transformerRef>");

        // the relay delivers it: the GIS's own broker login reads it from its queue, and nothing else
        try (var gis = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort)
                .createContext("gis", "gis")) {
            try (var consumer = gis.createConsumer(gis.createQueue("gridhub.gis.edits"),
                    "MessageID = 'usage-point-created-IT-PO-1'")) {
                jakarta.jms.Message received = consumer.receive(15_000);
                assertThat(received).as("created UsagePoint on gridhub.gis.edits").isNotNull();
                assertThat(received.getBody(String.class)).contains("<customerNo>PO-CUST-1</customerNo>");
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> gis.createConsumer(gis.createQueue("gridhub.events.mis")))
                    .as("the GIS may not read the MIS's events").isInstanceOf(jakarta.jms.JMSRuntimeException.class);
        }

        // and lists it in the pending GIS edits until it confirms
        JsonNode pending = json(as("pm").get("/api/gis-edits/pending"));
        assertThat(pending.path("type").asText()).isEqualTo("FeatureCollection");
        JsonNode edit = null;
        for (JsonNode f : pending.path("features")) {
            if ("IT-PO-1".equals(f.path("properties").path("caseNo").asText())) {
                edit = f;
            }
        }
        assertThat(edit).as(pending.toString()).isNotNull();
        assertThat(edit.path("geometry").path("coordinates").get(0).asDouble()).isEqualTo(108.0);
        String editId = edit.path("id").asText();
        assertThat(as("cm").post("/api/gis-edits/" + editId + "/confirm", null).getStatusCode().value()).isEqualTo(403);
        assertThat(as("gis").post("/api/gis-edits/" + editId + "/confirm", null).getStatusCode().value()).isEqualTo(200);
        assertThat(json(as("pm").get("/api/gis-edits/pending")).toString()).doesNotContain("IT-PO-1");

        // archiving the case does not drop the promise before the load is measured
        ResponseEntity<String> archived = as("cm").post("/api/cases/IT-PO-1/stages/ARCHIVE", null);
        assertThat(archived.getStatusCode().value()).as(archived.getBody()).isEqualTo(200);
        assertThat(statuses("IT-PO-1")).contains("DISTRIBUTION_TRANSFORMER ACCEPTED true");

        // connected last month: this month's peaks (the fixture's) include the load, the promise is released
        jdbc.update("UPDATE capacity.commitment SET connected_at = (SELECT max(period_start) FROM grid.measured_peak_load"
                + " WHERE asset_ref = 'CASES-T1') - interval '15 days' WHERE case_ref = 'IT-PO-1'");
        loadsArrived();
        assertThat(statuses("IT-PO-1")).contains("DISTRIBUTION_TRANSFORMER CONNECTED true", "FEEDER CONNECTED true");
    }
}

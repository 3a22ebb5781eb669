package io.gridhub.cases;

import java.util.List;
import java.util.UUID;

import io.gridhub.HubIntegrationTest;
import io.gridhub.messaging.MisRequestHandler;
import io.gridhub.messaging.MisRequestHandler.Answer;
import io.gridhub.messaging.iec61968.Header;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MIS side of a case: create, change, cancel and close ConnectionApplication, in XML and JSON,
 * directly through the handler (inside a transaction, as the dispatcher runs it) and over the broker.
 */
@HubIntegrationTest
class ConnectionApplicationIT {

    @Autowired
    List<MisRequestHandler> handlers;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseService cases;
    @Value("${hub.broker.port}")
    int brokerPort;

    MisRequestHandler handler() {
        return handlers.stream().filter(h -> h.noun().equals("ConnectionApplication")).findFirst().orElseThrow();
    }

    static String application(String caseNo, int revision, String kw) {
        return """
                <ConnectionApplication xmlns="urn:gridhub:cases:1">
                  <caseNo>%s</caseNo><revision>%d</revision><customerNo>0699001</customerNo>
                  <customerName>鄂尔多斯市测试物流有限公司</customerName><contactName>王伟</contactName>
                  <contactPhone>13800000000</contactPhone><address>东胜区铁西路 8 号</address>
                  <site><lon>108.0</lon><lat>38.0</lat><crs>EPSG:4490</crs></site>
                  <requestedKw>%s</requestedKw><powerFactor>0.9</powerFactor>
                  <customerCategory>GENERAL_COMMERCIAL</customerCategory><industryClass>物流仓储</industryClass>
                  <importance>NORMAL</importance><channel>WANGSHANG_GUOWANG</channel>
                  <serviceUnit>东胜供电所</serviceUnit><customerManager>cm</customerManager><projectManager>pm</projectManager>
                </ConnectionApplication>""".formatted(caseNo, revision, kw);
    }

    Answer handle(String verb, String messageId, String xml, String jsonPayload) {
        Header h = new Header(verb, "ConnectionApplication", null, null, "MIS", null, messageId, null, null, null, null,
                List.of());
        return tx.execute(s -> handler().handle(new MessageEnvelope(MessageEnvelope.Kind.REQUEST, h, null, null, xml,
                jsonPayload)));
    }

    @Test
    void revisionsNotArrivalOrderDecideAndStaleOnesAreToldSo() {
        Answer created = handle("create", "m-1", application("IT-MIS-1", 1, "450"), null);
        assertThat(created.reply().result()).isEqualTo(Reply.Result.OK);
        assertThat(created.payloadXml()).contains("<caseNo>IT-MIS-1</caseNo>", "<stage>ACCEPTANCE</stage>");
        assertThat(cases.read("IT-MIS-1").customerName()).isEqualTo("鄂尔多斯市测试物流有限公司");

        Answer rev3 = handle("change", "m-3", application("IT-MIS-1", 3, "900"), null);
        assertThat(rev3.reply().result()).isEqualTo(Reply.Result.OK);
        Answer rev2 = handle("change", "m-2", application("IT-MIS-1", 2, "300"), null);
        assertThat(rev2.reply().result()).isEqualTo(Reply.Result.OK);
        assertThat(rev2.reply().errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("STALE_REVISION");
            assertThat(e.details()).contains("revision 2", "revision 3");
        });
        ConnectionCase c = cases.read("IT-MIS-1");
        assertThat(c.revision()).isEqualTo(3);
        assertThat(c.requestedKw()).isEqualTo(900.0);

        List<String> out = jdbc.queryForList("SELECT verb || ' ' || correlation_id FROM messaging.outbox "
                + "WHERE ordering_key = 'IT-MIS-1' ORDER BY id", String.class);
        assertThat(out).containsExactly("created m-1", "changed m-3");

        Answer canceled = handle("cancel", "m-4", """
                <ConnectionApplication xmlns="urn:gridhub:cases:1"><caseNo>IT-MIS-1</caseNo><revision>4</revision>
                <reason>客户撤销申请</reason></ConnectionApplication>""", null);
        assertThat(canceled.reply().result()).isEqualTo(Reply.Result.OK);
        assertThat(cases.read("IT-MIS-1").status()).isEqualTo(CaseStatus.CANCELED);
        Answer again = handle("close", "m-5", """
                <ConnectionApplication xmlns="urn:gridhub:cases:1"><caseNo>IT-MIS-1</caseNo><revision>5</revision>
                </ConnectionApplication>""", null);
        assertThat(again.reply().result()).isEqualTo(Reply.Result.FAILED);
        assertThat(again.reply().errors().get(0).details()).contains("CANCELED");
    }

    @Test
    void theJsonFormCarriesTheSameFieldsAndIsAnsweredInJson() {
        String payload = """
                {"ConnectionApplication": {"caseNo": "IT-MIS-J", "revision": 1, "customerName": "JSON 客户",
                 "site": {"lon": 108.0, "lat": 38.0}, "requestedKva": 80, "customerCategory": "RESIDENTIAL",
                 "serviceUnit": "东胜供电所"}}""";
        Answer a = handle("create", "m-j1", null, payload);
        assertThat(a.reply().result()).isEqualTo(Reply.Result.OK);
        assertThat(a.payloadJson()).contains("\"caseNo\":\"IT-MIS-J\"");
        assertThat(cases.read("IT-MIS-J").lowVoltage()).isTrue();
        Answer closed = handle("close", "m-j2", null, "{\"caseNo\": \"IT-MIS-J\", \"revision\": 2, \"note\": \"已送电\"}");
        assertThat(closed.reply().result()).isEqualTo(Reply.Result.OK);
        assertThat(cases.read("IT-MIS-J").stage()).isEqualTo(Stage.ARCHIVE);
        assertThat(cases.read("IT-MIS-J").status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void invalidPayloadsAndUnknownCasesNameTheField() {
        assertField(() -> handle("create", "m-b1", application("IT-MIS-B", 1, "450").replace("GENERAL_COMMERCIAL", "SHOP"), null),
                "customerCategory");
        assertField(() -> handle("create", "m-b2", application("IT-MIS-B", 0, "450"), null), "revision");
        assertField(() -> handle("create", "m-b3", application("IT-MIS-B", 1, "450")
                .replace("<serviceUnit>东胜供电所</serviceUnit>", ""), null), "serviceUnit");
        assertField(() -> handle("create", "m-b4", application("IT-MIS-B", 1, "450")
                .replace("urn:gridhub:cases:1", "urn:other"), null), "ConnectionApplication");
        assertField(() -> handle("change", "m-b5", application("IT-MIS-NONE", 2, "450"), null), "caseNo");
        assertField(() -> handle("create", "m-b6", null, "{\"caseNo\": \"IT-MIS-B\", \"revision\": 1, "
                + "\"customerName\": \"x\", \"site\": {\"lon\": \"east\", \"lat\": 38}}"), "site.lon");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cases.connection_case WHERE case_no IN ('IT-MIS-B', 'IT-MIS-NONE')",
                Integer.class)).isZero();
    }

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(((io.gridhub.api.InvalidFieldException) e).field()).isEqualTo(field));
    }

    @Test
    void theMisCreatesACaseOverTheBrokerAndTheOutboxCarriesItsMessageId() throws Exception {
        String id = UUID.randomUUID().toString();
        String xml = """
                <RequestMessage xmlns="http://iec.ch/TC57/2011/schema/message">
                  <Header><Verb>create</Verb><Noun>ConnectionApplication</Noun><Source>MIS</Source>
                    <MessageID>%s</MessageID></Header>
                  <Payload>%s</Payload>
                </RequestMessage>""".formatted(id, application("IT-MIS-JMS", 1, "450"));
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        try (cf; Connection con = cf.createConnection("mis", "mis")) {
            con.start();
            Session session = con.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue requests = session.createQueue("gridhub.requests");
            Queue replies = session.createQueue("gridhub.replies.mis");
            TextMessage m = session.createTextMessage(xml);
            m.setJMSCorrelationID(id);
            m.setJMSReplyTo(replies);
            session.createProducer(requests).send(m);
            try (MessageConsumer consumer = session.createConsumer(replies, "JMSCorrelationID = '" + id + "'")) {
                TextMessage reply = (TextMessage) consumer.receive(30_000);
                assertThat(reply).as("a reply within 30 s").isNotNull();
                MessageEnvelope r = new Iec61968Codec().read(reply.getText());
                assertThat(r.reply().result()).as(r.reply().errors().toString()).isEqualTo(Reply.Result.OK);
                assertThat(r.payloadXml()).contains("IT-MIS-JMS");
            }
        }
        assertThat(cases.read("IT-MIS-JMS").revision()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT correlation_id FROM messaging.outbox WHERE ordering_key = 'IT-MIS-JMS'",
                String.class)).isEqualTo(id);
    }

    /**
     * The MIS names the stage its case has reached: the hub walks the legal path to it, and at the
     * plan stage drafts the supply plan in the same transaction, so the MIS hears {@code created
     * SupplyPlan} caused by its own create. A stage the hub passed already changes nothing; a stage
     * a low-voltage case never has is refused naming {@code stage}, and nothing is created.
     */
    @Test
    void aCaseCreatedAtThePlanStageGetsItsPlanDraftedAndAnnounced(
            @Autowired org.springframework.context.ApplicationEventPublisher events) {
        CasesGridFixture fixture = new CasesGridFixture(jdbc, events);
        fixture.install();
        try {
            String id = UUID.randomUUID().toString();
            String atPlan = application("IT-MIS-STAGE", 1, "30").replace("<projectManager>pm</projectManager>",
                    "<projectManager>pm</projectManager><stage>PLAN_REPLY</stage>");
            Answer a = handle("create", id, atPlan, null);
            assertThat(a.reply().result()).as(a.reply().errors().toString()).isEqualTo(Reply.Result.OK);
            ConnectionCase c = cases.read("IT-MIS-STAGE");
            assertThat(c.stage()).isEqualTo(Stage.PLAN_REPLY);
            assertThat(c.stages()).extracting(StageRecord::stage)
                    .containsExactly(Stage.ACCEPTANCE, Stage.SITE_SURVEY, Stage.PLAN_REPLY);
            assertThat(jdbc.queryForList("SELECT verb || ' ' || noun FROM messaging.outbox WHERE ordering_key = ?"
                    + " AND correlation_id = ? ORDER BY id", String.class, "IT-MIS-STAGE", id))
                    .contains("created ConnectionApplication", "created SupplyPlan");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM plans.supply_plan WHERE case_no = 'IT-MIS-STAGE'"
                    + " AND status = 'DRAFT'", Integer.class)).isEqualTo(1);

            // a later revision naming an earlier stage changes the fields, not the stage
            Answer back = handle("change", UUID.randomUUID().toString(), application("IT-MIS-STAGE", 2, "30")
                    .replace("<projectManager>pm</projectManager>", "<projectManager>pm</projectManager><stage>SITE_SURVEY</stage>"),
                    null);
            assertThat(back.reply().result()).isEqualTo(Reply.Result.OK);
            assertThat(cases.read("IT-MIS-STAGE").stage()).isEqualTo(Stage.PLAN_REPLY);

            // 30 kW is low voltage: it never passes design review
            assertField(() -> handle("create", UUID.randomUUID().toString(), application("IT-MIS-STAGE-LV", 1, "30")
                    .replace("<projectManager>pm</projectManager>", "<projectManager>pm</projectManager><stage>DESIGN_REVIEW</stage>"),
                    null), "stage");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM cases.connection_case WHERE case_no = 'IT-MIS-STAGE-LV'",
                    Integer.class)).isZero();
        } finally {
            fixture.remove();
        }
    }
}

package io.gridhub.siting;

import java.io.StringReader;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import io.gridhub.HubIntegrationTest;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marketing MIS asks for connection candidates over the broker, as an IEC 61968-100
 * {@code get ConnectionCandidates} request, logged in as the MIS over TCP like the real one.
 */
@HubIntegrationTest
class ConnectionCandidatesJmsIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Value("${hub.broker.port}")
    int brokerPort;
    @Autowired
    io.gridhub.feeds.FeedRunService feeds;

    private static SmallGridFixture fixture;
    private final Iec61968Codec codec = new Iec61968Codec();

    @BeforeEach
    void install() {
        if (fixture == null) {
            fixture = new SmallGridFixture(jdbc, events);
            fixture.install();
        }
    }

    @AfterAll
    static void remove() {
        if (fixture != null) {
            fixture.remove();
            fixture = null;
        }
    }

    @Test
    void theMisGetsRankedCandidatesInTheReplyPayload() throws Exception {
        String params = """
                <ConnectionCandidatesRequest xmlns="urn:gridhub:siting:1">
                  <lon>107.2</lon><lat>39.1</lat><crs>EPSG:4490</crs><requestedKva>400</requestedKva>
                  <customerCategory>GENERAL_COMMERCIAL</customerCategory><importance>NORMAL</importance>
                </ConnectionCandidatesRequest>""";
        MessageEnvelope reply = ask(params);
        assertThat(reply.kind()).isEqualTo(MessageEnvelope.Kind.RESPONSE);
        assertThat(reply.header().verb()).isEqualTo("reply");
        assertThat(reply.header().noun()).isEqualTo("ConnectionCandidates");
        assertThat(reply.reply().result()).as(reply.reply().errors().toString()).isEqualTo(Reply.Result.OK);
        Document payload = parse(reply.payloadXml());
        Element root = payload.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("ConnectionCandidates");
        assertThat(root.getNamespaceURI()).isEqualTo("urn:gridhub:siting:1");
        assertThat(root.getAttribute("voltageLevel")).isEqualTo("MV_10KV");
        NodeList candidates = root.getElementsByTagNameNS("urn:gridhub:siting:1", "Candidate");
        assertThat(candidates.getLength()).isEqualTo(5);
        Element first = (Element) candidates.item(0);
        assertThat(first.getAttribute("assetId")).isEqualTo("SGF-F1");
        assertThat(first.getAttribute("rank")).isEqualTo("1");
        assertThat(first.getAttribute("passed")).isEqualTo("true");
        assertThat(Double.parseDouble(first.getAttribute("distanceM"))).isBetween(99.6, 100.2);
        Element open = (Element) first.getElementsByTagNameNS("urn:gridhub:siting:1", "OpenCapacityKva").item(0);
        assertThat(Double.parseDouble(open.getAttribute("before"))).isBetween(464.0, 464.2);
        assertThat(first.getElementsByTagNameNS("urn:gridhub:siting:1", "Check").getLength()).isGreaterThanOrEqualTo(6);
        assertThat(((Element) candidates.item(2)).getAttribute("passed")).isEqualTo("false");
    }

    /**
     * Issue 11 item 13: a U+0001 in a pole's name, as a GIS export may carry it, made the reply
     * unparsable XML (and sent the request to the dead-letter address). The feed removes control
     * characters as it reads; the pole, nearer the site than SGF-P1, becomes SGF-F1's tie-in.
     */
    @Test
    void aControlCharacterInAnAssetNameStillGivesAParsableReply() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("ctl").resolve("pole.csv");
        java.nio.file.Files.writeString(file, "source_id,name,feeder_ref,wkt\n"
                + "CTL-P,F1 \u0001近杆\u0000,SGF-F1,POINT (107.2000 39.1003)\n");
        try {
            io.gridhub.feeds.FeedRun run = feeds.runFiles("test-hostile-drop", java.util.List.of(file));
            assertThat(run.status()).as(run.error()).isEqualTo("SUCCEEDED");
            MessageEnvelope reply = ask("""
                    <ConnectionCandidatesRequest xmlns="urn:gridhub:siting:1">
                      <lon>107.2</lon><lat>39.1</lat><crs>EPSG:4490</crs><requestedKva>400</requestedKva>
                      <customerCategory>GENERAL_COMMERCIAL</customerCategory><importance>NORMAL</importance>
                    </ConnectionCandidatesRequest>""");
            assertThat(reply.reply().result()).as(reply.reply().errors().toString()).isEqualTo(Reply.Result.OK);
            Element tieIn = (Element) parse(reply.payloadXml())
                    .getElementsByTagNameNS("urn:gridhub:siting:1", "TieIn").item(0);
            assertThat(tieIn.getAttribute("id")).isEqualTo("CTL-P");
            assertThat(tieIn.getAttribute("name")).isEqualTo("F1 近杆");
        } finally {
            jdbc.update("DELETE FROM grid.pole WHERE feed_id = 'test-hostile-drop' AND source_id = 'CTL-P'");
        }
    }

    @Test
    void badParametersGetAFailedReplyNamingTheField() throws Exception {
        MessageEnvelope reply = ask("""
                <ConnectionCandidatesRequest xmlns="urn:gridhub:siting:1">
                  <lon>107.2</lon><lat>north</lat><requestedKva>400</requestedKva>
                  <customerCategory>GENERAL_COMMERCIAL</customerCategory><importance>NORMAL</importance>
                </ConnectionCandidatesRequest>""");
        assertThat(reply.reply().result()).isEqualTo(Reply.Result.FAILED);
        assertThat(reply.reply().errors().get(0).details()).startsWith("lat:");

        MessageEnvelope unknownEnum = ask("""
                <ConnectionCandidatesRequest xmlns="urn:gridhub:siting:1">
                  <lon>107.2</lon><lat>39.1</lat><requestedKva>400</requestedKva>
                  <customerCategory>GENERAL_COMMERCIAL</customerCategory><importance>VIP</importance>
                </ConnectionCandidatesRequest>""");
        assertThat(unknownEnum.reply().result()).isEqualTo(Reply.Result.FAILED);
        assertThat(unknownEnum.reply().errors().get(0).details()).contains("importance");

        MessageEnvelope missing = ask("""
                <ConnectionCandidatesRequest xmlns="urn:gridhub:siting:1">
                  <lat>39.1</lat><requestedKva>400</requestedKva>
                  <customerCategory>GENERAL_COMMERCIAL</customerCategory><importance>NORMAL</importance>
                </ConnectionCandidatesRequest>""");
        assertThat(missing.reply().result()).isEqualTo(Reply.Result.FAILED);
        assertThat(missing.reply().errors().get(0).details()).startsWith("lon:");
    }

    /** Sends one request as the MIS and waits for its reply; asserts nothing else was left for it. */
    private MessageEnvelope ask(String params) throws Exception {
        String id = UUID.randomUUID().toString();
        String xml = """
                <RequestMessage xmlns="http://iec.ch/TC57/2011/schema/message">
                  <Header><Verb>get</Verb><Noun>ConnectionCandidates</Noun><Source>MIS</Source>
                    <MessageID>%s</MessageID></Header>
                  <Request>%s</Request>
                </RequestMessage>""".formatted(id, params);
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        try (cf; Connection con = cf.createConnection("mis", "mis")) {
            con.start();
            Session session = con.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue requests = session.createQueue("gridhub.requests");
            Queue replies = session.createQueue("gridhub.replies.mis");
            TextMessage m = session.createTextMessage(xml);
            m.setJMSCorrelationID(id);
            m.setJMSReplyTo(replies);
            try (MessageProducer producer = session.createProducer(requests);
                 MessageConsumer consumer = session.createConsumer(replies, "JMSCorrelationID = '" + id + "'")) {
                producer.send(m);
                TextMessage answer = (TextMessage) consumer.receive(20_000);
                assertThat(answer).as("a reply within 20 s").isNotNull();
                assertThat(consumer.receive(300)).as("exactly one reply").isNull();
                MessageEnvelope envelope = codec.read(answer.getText());
                assertThat(envelope.header().correlationId()).isEqualTo(id);
                return envelope;
            }
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}

package io.gridhub.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.gridhub.HubIntegrationTest;
import io.gridhub.messaging.BrokerProperties;
import io.gridhub.messaging.MisClient;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay route against the real broker, with the MIS as a consumer that counts: nothing
 * committed is lost while the relay is down between commit and send, everything arrives in order,
 * and a row sent again (the mark lost in a crash) carries the same MessageID, so the broker's
 * duplicate detection drops it.
 */
@HubIntegrationTest
class OutboxRelayIT {

    @Autowired Outbox outbox;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcTemplate jdbc;
    @Autowired CamelContext camel;
    @Autowired BrokerProperties broker;
    @Autowired OutboxWakeUp wakeUp;
    @Autowired OutboxRelay relay;

    @Test
    void committedEventsSurviveARelayThatWasDownAndArriveOnceInOrder() throws Exception {
        String cause = "relay-it-" + UUID.randomUUID();
        int n = 30;
        List<String> ids = new ArrayList<>();
        try (MisClient mis = new MisClient("tcp://127.0.0.1:" + broker.port(), broker.misUser(), broker.misPassword());
             MessageConsumer events = mis.session().createConsumer(mis.session().createQueue(broker.eventsAddress()),
                     "JMSCorrelationID = '" + cause + "'")) {
            camel.getRouteController().stopRoute("outbox-relay", 2, java.util.concurrent.TimeUnit.SECONDS);
            try {
                for (int i = 0; i < n; i++) {
                    String id = OutboundMessage.newId();
                    ids.add(id);
                    int seq = i;
                    tx.executeWithoutResult(s -> outbox.append(new OutboundMessage(id, null, "CASE-" + (seq % 3),
                            "changed", "ConnectionApplication", cause, "<c:Seq xmlns:c=\"urn:test\">" + seq + "</c:Seq>")));
                }
                assertThat(events.receive(500)).as("nothing sent while the relay is down").isNull();
                assertThat(unsent(cause)).isEqualTo(n);
            } finally {
                camel.getRouteController().startRoute("outbox-relay");
            }
            long oneByOneBefore = relay.batchesSentOneByOne();
            wakeUp.wake();
            List<String> received = receive(events, n);
            assertThat(received).as("all, in the order they were committed").containsExactlyElementsOf(ids);
            assertThat(events.receive(500)).as("and nothing more").isNull();
            assertThat(unsent(cause)).isZero();
            assertThat(relay.batchesSentOneByOne()).as("fresh rows go in one JMS transaction per batch")
                    .isEqualTo(oneByOneBefore);

            // the hub died after sending and before marking: the rows go out again
            jdbc.update("UPDATE messaging.outbox SET sent_at = NULL WHERE correlation_id = ?", cause);
            wakeUp.wake();
            long deadline = System.currentTimeMillis() + 15_000;
            while (unsent(cause) > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(unsent(cause)).as("resent").isZero();
            assertThat(relay.batchesSentOneByOne())
                    .as("the broker refuses a transaction carrying ids it has seen: the batch went one by one")
                    .isGreaterThan(oneByOneBefore);
            assertThat(events.receive(1_000)).as("the copies carry the same MessageID: the broker dropped them").isNull();
        }
    }

    @Test
    void rowsBeforeOneTheBrokerRefusesStaySentAndTheRestWait() throws Exception {
        String cause = "relay-it-refused-" + UUID.randomUUID();
        String good = OutboundMessage.newId();
        String refused = OutboundMessage.newId();
        String after = OutboundMessage.newId();
        camel.getRouteController().stopRoute("outbox-relay", 2, java.util.concurrent.TimeUnit.SECONDS);
        try {
            // one batch: the broker refuses its transaction (no such address), then takes the first row alone
            tx.executeWithoutResult(s -> {
                outbox.append(new OutboundMessage(good, null, "CASE-R", "changed", "ConnectionApplication", cause, null));
                outbox.append(new OutboundMessage(refused, "gridhub.nowhere", "CASE-R", "changed", "ConnectionApplication",
                        cause, null));
                outbox.append(new OutboundMessage(after, null, "CASE-R", "changed", "ConnectionApplication", cause, null));
            });
        } finally {
            camel.getRouteController().startRoute("outbox-relay");
        }
        try {
            wakeUp.wake();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT last_error IS NOT NULL FROM messaging.outbox WHERE message_id = ?", Boolean.class, refused));
            assertThat(jdbc.queryForObject("SELECT sent_at IS NOT NULL FROM messaging.outbox WHERE message_id = ?",
                    Boolean.class, good)).as("the row before the refused one stays marked sent").isTrue();
            assertThat(jdbc.queryForObject("SELECT sent_at IS NULL FROM messaging.outbox WHERE message_id = ?",
                    Boolean.class, after)).as("the row after it waits: nothing overtakes").isTrue();
        } finally {
            jdbc.update("DELETE FROM messaging.outbox WHERE correlation_id = ?", cause);
        }
    }

    private int unsent(String cause) {
        return jdbc.queryForObject("SELECT count(*) FROM messaging.outbox WHERE correlation_id = ? AND sent_at IS NULL",
                Integer.class, cause);
    }

    private static List<String> receive(MessageConsumer events, int n) throws Exception {
        Iec61968Codec codec = new Iec61968Codec();
        List<String> received = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Message m = events.receive(15_000);
            assertThat(m).as("message " + (i + 1) + " of " + n).isNotNull();
            MessageEnvelope event = codec.read(((TextMessage) m).getText());
            assertThat(m.getStringProperty("MessageID")).isEqualTo(event.header().messageId());
            assertThat(m.getStringProperty("_AMQ_DUPL_ID")).isEqualTo(event.header().messageId());
            assertThat(seen.add(event.header().messageId())).as("no duplicate").isTrue();
            received.add(event.header().messageId());
        }
        return received;
    }
}

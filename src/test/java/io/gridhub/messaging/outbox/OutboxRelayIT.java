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
            wakeUp.wake();
            List<String> received = receive(events, n);
            assertThat(received).as("all, in the order they were committed").containsExactlyElementsOf(ids);
            assertThat(events.receive(500)).as("and nothing more").isNull();
            assertThat(unsent(cause)).isZero();

            // the hub died after sending and before marking: the rows go out again
            jdbc.update("UPDATE messaging.outbox SET sent_at = NULL WHERE correlation_id = ?", cause);
            wakeUp.wake();
            long deadline = System.currentTimeMillis() + 15_000;
            while (unsent(cause) > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(unsent(cause)).as("resent").isZero();
            assertThat(events.receive(1_000)).as("the copies carry the same MessageID: the broker dropped them").isNull();
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

package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.gridhub.HubIntegrationTest;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.impl.AckReason;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Changing requests over the real broker: answered once per MessageID in the change's own
 * transaction, in the form they were asked (XML or JSON); what the MIS may not do gets a FAILED reply;
 * a transient failure is redelivered and then dead-lettered without blocking the requests behind it.
 */
@HubIntegrationTest
class MisRequestsIT {

    @Autowired BrokerProperties broker;
    @Autowired JdbcTemplate jdbc;
    @Autowired EmbeddedActiveMQ embeddedBroker;
    private final Iec61968Codec codec = new Iec61968Codec();

    private MisClient mis() throws JMSException {
        return new MisClient("tcp://127.0.0.1:" + broker.port(), broker.misUser(), broker.misPassword());
    }

    private MisClient hub() throws JMSException {
        return new MisClient("tcp://127.0.0.1:" + broker.port(), "gridhub", "gridhub");
    }

    /** Sends the text with a fresh JMSCorrelationID and returns the reply text from the default reply queue. */
    private String ask(MisClient mis, String text) throws JMSException {
        String correlation = UUID.randomUUID().toString();
        mis.send(broker.requestQueue(), text, null, correlation);
        String reply = mis.receive(broker.defaultReplyQueue(), "JMSCorrelationID = '" + correlation + "'", 20_000);
        assertThat(reply).as("reply to " + text).isNotNull();
        return reply;
    }

    private int outboxRows(String correlationId) {
        return jdbc.queryForObject("SELECT count(*) FROM messaging.outbox WHERE correlation_id = ?", Integer.class,
                correlationId);
    }

    @Test
    void aDuplicatedChangingRequestChangesNothingAndGetsTheSameReply() throws Exception {
        try (MisClient mis = mis()) {
            MessageEnvelope request = MisClient.change("create", ProbeRequestHandler.NOUN,
                    ProbeRequestHandler.payload("DEDUP-1", "none"));
            String text = codec.write(request);
            String first = ask(mis, text);
            String second = ask(mis, text);
            assertThat(codec.read(first).reply().result()).isEqualTo(Reply.Result.OK);
            assertThat(second).as("the stored reply, unchanged").isEqualTo(first);
            assertThat(outboxRows(request.header().messageId())).as("one change").isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT reply FROM messaging.inbound_message WHERE message_id = ?",
                    String.class, request.header().messageId())).isEqualTo(first);
        }
    }

    /**
     * The reply is durable before the request's acknowledgement commits: sent outside a transaction
     * (a blocking persistent send) ahead of the listener's commit, or in the very transaction that
     * acknowledges the request. With Camel's default for a transacted consumer, a JmsTransactionManager,
     * the reply went into a second transaction that committed only after the listener's session had
     * acknowledged the request: a hub killed in between lost the reply for good (HubKillIT, 1 in 1,150).
     */
    @Test
    void theReplyIsDurableBeforeTheRequestIsAcknowledged() throws Exception {
        String correlation = "reply-first-" + UUID.randomUUID();
        AtomicInteger order = new AtomicInteger();
        Map<String, long[]> seen = new ConcurrentHashMap<>(); // "reply"/"ack" -> {order, transaction id or -1}
        ActiveMQServerMessagePlugin watch = new ActiveMQServerMessagePlugin() {
            @Override
            public void afterSend(ServerSession session, Transaction tx, org.apache.activemq.artemis.api.core.Message message,
                    boolean direct, boolean noAutoCreateQueue, RoutingStatus result) {
                if (correlation.equals(Objects.toString(message.getCorrelationID(), null))
                        && broker.defaultReplyQueue().equals(message.getAddress())) {
                    seen.put("reply", new long[] {order.incrementAndGet(), tx == null ? -1 : tx.getID()});
                }
            }

            @Override
            public void messageAcknowledged(Transaction tx, MessageReference ref, AckReason reason, ServerConsumer consumer) {
                if (correlation.equals(Objects.toString(ref.getMessage().getCorrelationID(), null))
                        && broker.requestQueue().equals(ref.getQueue().getName().toString())) {
                    seen.put("ack", new long[] {order.incrementAndGet(), tx == null ? -1 : tx.getID()});
                }
            }
        };
        embeddedBroker.getActiveMQServer().registerBrokerPlugin(watch);
        try (MisClient mis = mis()) {
            mis.send(broker.requestQueue(), codec.write(MisClient.change("create", ProbeRequestHandler.NOUN,
                    ProbeRequestHandler.payload("REPLY-FIRST-1", "none"))), null, correlation);
            assertThat(mis.receive(broker.defaultReplyQueue(), "JMSCorrelationID = '" + correlation + "'", 20_000))
                    .as("reply").isNotNull();
            long deadline = System.currentTimeMillis() + 5_000;
            while (!seen.containsKey("ack") && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            embeddedBroker.getActiveMQServer().unRegisterBrokerPlugin(watch);
        }
        long[] reply = seen.get("reply");
        long[] ack = seen.get("ack");
        assertThat(reply).as("the reply was seen by the broker").isNotNull();
        assertThat(ack).as("the request was acknowledged").isNotNull();
        assertThat(ack[1]).as("the request is acknowledged in the listener's transaction").isNotEqualTo(-1L);
        if (reply[1] != ack[1]) {
            assertThat(reply[1]).as("a reply not in the acknowledging transaction is in none (durable when sent), "
                    + "not in one committed after the acknowledgement (reply tx %d, ack tx %d)", reply[1], ack[1])
                    .isEqualTo(-1L);
            assertThat(reply[0]).as("the reply is sent before the request is acknowledged").isLessThan(ack[0]);
        }
    }

    @Test
    void aRequestRefusedForItsContentUndoesTheHandlersWorkAndIsAnsweredOnce() throws Exception {
        try (MisClient mis = mis()) {
            MessageEnvelope request = MisClient.change("create", ProbeRequestHandler.NOUN,
                    ProbeRequestHandler.payload("INVALID-1", "invalid"));
            String first = ask(mis, codec.write(request));
            MessageEnvelope reply = codec.read(first);
            assertThat(reply.reply().result()).isEqualTo(Reply.Result.FAILED);
            assertThat(reply.reply().errors().get(0).details()).isEqualTo("Probe/Fail asks for a content error");
            assertThat(outboxRows(request.header().messageId())).as("the handler's outbox row rolled back").isZero();
            assertThat(ask(mis, codec.write(request))).isEqualTo(first);
        }
    }

    @Test
    void aJsonRequestIsAnsweredInJsonAndAChangeWithoutMessageIdIsRefused() throws Exception {
        try (MisClient mis = mis()) {
            String reply = ask(mis, """
                    {"RequestMessage": {"Header": {"Verb": "get", "Noun": "GridSummary", "MessageID": "json-1"}}}""");
            assertThat(reply).startsWith("{\"ResponseMessage\":");
            MessageEnvelope read = codec.read(reply);
            assertThat(read.reply().result()).isEqualTo(Reply.Result.OK);
            assertThat(read.header().correlationId()).isEqualTo("json-1");
            assertThat(read.payloadJson()).contains("\"SUBSTATION\":").contains("\"MeasuredLoads\":");

            String refused = ask(mis, """
                    {"RequestMessage": {"Header": {"Verb": "create", "Noun": "HubProbe"}, "Payload": {"Key": "x"}}}""");
            assertThat(refused).startsWith("{");
            assertThat(codec.read(refused).reply().errors().get(0).details()).startsWith("Header/MessageID is missing");
        }
    }

    @Test
    void anObjectMessageIsRefusedUnread() throws Exception {
        try (MisClient mis = mis()) {
            ObjectMessage m = mis.session().createObjectMessage(new ArrayList<>(java.util.List.of("not", "read")));
            m.setJMSCorrelationID("object-1");
            mis.session().createProducer(mis.session().createQueue(broker.requestQueue())).send(m);
            MessageEnvelope reply = codec.read(mis.receive(broker.defaultReplyQueue(), "JMSCorrelationID = 'object-1'", 20_000));
            assertThat(reply.reply().result()).isEqualTo(Reply.Result.FAILED);
            assertThat(reply.reply().errors().get(0).code()).isEqualTo("UNSUPPORTED_MESSAGE_TYPE");
            assertThat(reply.reply().errors().get(0).details()).contains("ObjectMessage");
        }
    }

    @Test
    void aReplyToAnAddressOutsideTheReplyQueuesIsAFailedReplyOnTheDefaultQueue() throws Exception {
        try (MisClient mis = mis()) {
            MessageEnvelope request = MisClient.change("create", ProbeRequestHandler.NOUN,
                    ProbeRequestHandler.payload("REPLY-TO-1", "none"));
            mis.send(broker.requestQueue(), codec.write(request), broker.eventsAddress(), "reply-to-1");
            MessageEnvelope reply = codec.read(mis.receive(broker.defaultReplyQueue(), "JMSCorrelationID = 'reply-to-1'", 20_000));
            assertThat(reply.reply().errors().get(0).code()).isEqualTo("INVALID_REPLY_ADDRESS");
            assertThat(reply.reply().errors().get(0).details()).contains("JMSReplyTo '" + broker.eventsAddress() + "'");
            assertThat(outboxRows(request.header().messageId())).as("not carried out").isZero();
        }
    }

    @Test
    void theMisCannotCreateAddressesOutsideItsReplyQueues() throws Exception {
        try (MisClient mis = mis()) {
            // nothing is auto-created outside gridhub.replies.#: refused, not parked on a new queue
            assertThatThrownBy(() -> mis.send("gridhub.anything-" + UUID.randomUUID(), "x", null, null))
                    .isInstanceOf(JMSException.class).hasMessageContaining("There is no queue");
            assertThatThrownBy(() -> mis.send("elsewhere", "x", null, null)).isInstanceOf(JMSException.class);
            // an existing address of the hub's is not the MIS's to write to
            assertThatThrownBy(() -> mis.send(broker.eventsAddress(), "forged event", null, null))
                    .isInstanceOf(JMSSecurityException.class);
            // its own reply queue it may create and read
            String own = "gridhub.replies.it-" + UUID.randomUUID();
            assertThat(mis.receive(own, null, 100)).isNull();
        }
    }

    @Test
    void aTransientFailureIsRedeliveredThenDeadLetteredWithoutBlockingTheRequestsBehindIt() throws Exception {
        try (MisClient mis = mis(); MisClient hub = hub()) {
            String key = "POISON-" + UUID.randomUUID();
            MessageEnvelope poison = MisClient.change("create", ProbeRequestHandler.NOUN,
                    ProbeRequestHandler.payload(key, "transient"));
            mis.send(broker.requestQueue(), codec.write(poison), null, "poison-1");
            // the request behind it goes in once the poison has failed (is being redelivered), and is
            // answered before the poison has used up its attempts
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (ProbeRequestHandler.attempts(key) == 0) {
                assertThat(System.nanoTime()).as("the poison's first attempt").isLessThan(deadline);
                Thread.sleep(10);
            }
            String behind = ask(mis, codec.write(MisClient.change("create", ProbeRequestHandler.NOUN,
                    ProbeRequestHandler.payload("BEHIND-" + UUID.randomUUID(), "none"))));
            int poisonAttemptsByThen = ProbeRequestHandler.attempts(key);
            assertThat(codec.read(behind).reply().result()).isEqualTo(Reply.Result.OK);
            assertThat(poisonAttemptsByThen).as("attempts of the poison when the request behind it was answered")
                    .isLessThan(broker.maxDeliveryAttempts());

            try (MessageConsumer dlq = hub.session().createConsumer(hub.session().createQueue(BrokerProperties.DEAD_LETTER_ADDRESS),
                    "JMSCorrelationID = 'poison-1'")) {
                Message dead = dlq.receive(30_000);
                assertThat(dead).as("dead-lettered after " + broker.maxDeliveryAttempts() + " attempts").isNotNull();
                assertThat(((TextMessage) dead).getText()).contains(poison.header().messageId());
                assertThat(dead.getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo(broker.requestQueue());
            }
            assertThat(ProbeRequestHandler.attempts(key)).as("hub.broker.max-delivery-attempts")
                    .isEqualTo(broker.maxDeliveryAttempts());
            assertThat(mis.receive(broker.defaultReplyQueue(), "JMSCorrelationID = 'poison-1'", 200)).as("no reply").isNull();
            assertThat(outboxRows(poison.header().messageId())).as("nothing of it committed").isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM messaging.inbound_message WHERE message_id = ?",
                    Integer.class, poison.header().messageId())).isZero();
        }
    }
}

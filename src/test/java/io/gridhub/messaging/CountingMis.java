package io.gridhub.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The marketing MIS as a consumer that counts, across restarts of the hub: it sends requests, each
 * copy with its own JMSCorrelationID, and keeps every reply and every event it receives, keyed by
 * the IEC 61968-100 MessageIDs, so that a test can tell lost, duplicated and differing messages
 * apart. Arrivals are counted raw and deduplicated by MessageID, as a real MIS would deduplicate.
 * One broker connection at a time: {@link #connect} after the hub came back, {@link #disconnect}
 * when it died.
 */
final class CountingMis {

    private final String brokerUrl;
    private final String user;
    private final String password;
    private final String requestQueue;
    private final String replyQueue;
    private final String eventsQueue;
    private final Iec61968Codec codec = new Iec61968Codec();

    /** Reply texts per request copy (its JMSCorrelationID); a redelivered reply adds a second entry. */
    private final Map<String, List<String>> repliesByCopy = new ConcurrentHashMap<>();
    /** Distinct reply texts per request MessageID (the reply header's CorrelationID). */
    private final Map<String, Set<String>> replyTextsByRequest = new ConcurrentHashMap<>();
    /** Event MessageIDs seen, to deduplicate; and per causing request, the created events of one noun. */
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> createdEventsByCause = new ConcurrentHashMap<>();
    private final AtomicInteger eventArrivals = new AtomicInteger();
    private final AtomicInteger replyArrivals = new AtomicInteger();
    /** JMSTimestamps (the sender's clock: when the hub sent it) of every reply and event arrival. */
    private final ConcurrentLinkedQueue<Long> replySentAt = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> eventSentAt = new ConcurrentLinkedQueue<>();
    /** MessageIDs of all events in the order they arrived (one consumer: the queue's order), copies included. */
    private final ConcurrentLinkedQueue<String> eventArrivalOrder = new ConcurrentLinkedQueue<>();
    private final List<String> failures = new ArrayList<>();
    private final String createdNoun;

    private Connection connection;
    private Session sendSession;
    private MessageProducer producer;

    CountingMis(String brokerUrl, String user, String password, String requestQueue, String replyQueue,
            String eventsQueue, String createdNoun) {
        this.brokerUrl = brokerUrl;
        this.user = user;
        this.password = password;
        this.requestQueue = requestQueue;
        this.replyQueue = replyQueue;
        this.eventsQueue = eventsQueue;
        this.createdNoun = createdNoun;
    }

    /** Connects to the broker and starts consuming replies and events. */
    void connect() throws JMSException {
        // a dead hub should fail a call within seconds, not the default 30 s
        // (a failover URL, "(tcp://a,tcp://b)?ha=true&…", has parameters already)
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                brokerUrl + (brokerUrl.contains("?") ? "&" : "?") + "callTimeout=5000", user, password);
        connection = factory.createConnection();
        Session events = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        events.createConsumer(events.createQueue(eventsQueue)).setMessageListener(this::onEvent);
        Session replies = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        replies.createConsumer(replies.createQueue(replyQueue)).setMessageListener(this::onReply);
        // transacted: a batch of requests is the broker's (in its journal) once commit returns
        sendSession = connection.createSession(true, Session.SESSION_TRANSACTED);
        producer = sendSession.createProducer(sendSession.createQueue(requestQueue));
        connection.start();
    }

    /**
     * Drops the connection (the broker died with the hub); what was received stays counted. Closed
     * in the background: closing a connection whose broker is dead waits for the call timeout.
     */
    void disconnect() {
        Connection old = connection;
        connection = null;
        if (old == null) {
            return;
        }
        Thread closer = new Thread(() -> {
            try {
                old.close();
            } catch (JMSException | RuntimeException broken) {
                // the broker is gone: nothing to close on its side
            }
        }, "mis-disconnect");
        closer.setDaemon(true);
        closer.start();
    }

    /** Hands the requests sent since the last commit to the broker; they are in its journal on return. */
    void commit() throws JMSException {
        sendSession.commit();
    }

    /** Sends one copy of a request (persistent, replies to this MIS's reply queue), in the open batch. */
    void send(String requestText, String copyId) throws JMSException {
        TextMessage m = sendSession.createTextMessage(requestText);
        Queue replies = sendSession.createQueue(replyQueue);
        m.setJMSReplyTo(replies);
        m.setJMSCorrelationID(copyId);
        producer.send(m);
    }

    private void onReply(Message m) {
        replyArrivals.incrementAndGet();
        try {
            replySentAt.add(m.getJMSTimestamp());
            String text = ((TextMessage) m).getText();
            repliesByCopy.computeIfAbsent(m.getJMSCorrelationID(), k -> new CopyOnWriteArrayList<>()).add(text);
            String request = codec.read(text).header().correlationId();
            replyTextsByRequest.computeIfAbsent(request, k -> ConcurrentHashMap.newKeySet()).add(text);
        } catch (JMSException | RuntimeException e) {
            fail("reply: " + e);
        }
    }

    private void onEvent(Message m) {
        eventArrivals.incrementAndGet();
        try {
            eventSentAt.add(m.getJMSTimestamp());
            MessageEnvelope e = codec.read(((TextMessage) m).getText());
            eventArrivalOrder.add(e.header().messageId());
            if (!eventIds.add(e.header().messageId())) {
                return;
            }
            if (createdNoun.equals(e.header().noun()) && "created".equals(e.header().verb())
                    && e.header().correlationId() != null) {
                createdEventsByCause.computeIfAbsent(e.header().correlationId(), k -> ConcurrentHashMap.newKeySet())
                        .add(e.header().messageId());
            }
        } catch (JMSException | RuntimeException ex) {
            fail("event: " + ex);
        }
    }

    private void fail(String what) {
        synchronized (failures) {
            failures.add(what);
        }
    }

    /** Request copies (JMSCorrelationIDs) answered at least once. */
    int copiesAnswered() {
        return repliesByCopy.size();
    }

    Map<String, List<String>> repliesByCopy() {
        return repliesByCopy;
    }

    Map<String, Set<String>> replyTextsByRequest() {
        return replyTextsByRequest;
    }

    /** For each causing request MessageID, the distinct MessageIDs of its created events. */
    Map<String, Set<String>> createdEventsByCause() {
        return createdEventsByCause;
    }

    /** MessageIDs of every event received, in arrival order, copies included. */
    List<String> eventArrivalOrder() {
        return List.copyOf(eventArrivalOrder);
    }

    int eventArrivals() {
        return eventArrivals.get();
    }

    /** Event arrivals the MessageID deduplication dropped. */
    int eventDuplicatesDropped() {
        return eventArrivals.get() - eventIds.size();
    }

    int replyArrivals() {
        return replyArrivals.get();
    }

    /** The earliest JMSTimestamp (epoch ms) of a reply received that was sent after {@code epochMs}; -1: none yet. */
    long firstReplySentAfter(long epochMs) {
        return replySentAt.stream().filter(t -> t > epochMs).mapToLong(Long::longValue).min().orElse(-1);
    }

    /** The latest JMSTimestamp (epoch ms) of a reply received that was sent at or before {@code epochMs}; -1: none. */
    long lastReplySentBy(long epochMs) {
        return replySentAt.stream().filter(t -> t <= epochMs).mapToLong(Long::longValue).max().orElse(-1);
    }

    /** The earliest JMSTimestamp (epoch ms) of an event received that was sent after {@code epochMs}; -1: none yet. */
    long firstEventSentAfter(long epochMs) {
        return eventSentAt.stream().filter(t -> t > epochMs).mapToLong(Long::longValue).min().orElse(-1);
    }

    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }
}

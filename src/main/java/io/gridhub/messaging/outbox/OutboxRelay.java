package io.gridhub.messaging.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.gridhub.api.SchedulerInstance;
import io.gridhub.messaging.BrokerProperties;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of the {@code outbox-relay} route: take the unsent rows in id order, send them to the
 * broker, and mark them sent once the broker has them, all in one database transaction that holds
 * the relay's advisory lock.
 *
 * <p><b>A batch is one JMS transaction.</b> The broker makes a persistent message durable before it
 * answers; sent one by one, every message of a batch waits for its own journal write (and the
 * journal's buffer timeout), and at 50 cases/s with four events each the relay spent most of its
 * time waiting. In one JMS transaction the whole batch costs one durable write at commit, and is on
 * the broker all or nothing, in order. When the transaction fails the batch is sent again one message
 * at a time, the way it was before: that is also what a row already on the broker needs (sent, then
 * the hub died before marking it), because Artemis refuses a whole transaction that carries a
 * duplicate-detection id it has seen, while it drops a single duplicate quietly. Sent one by one, the
 * batch stops at the first message the broker does not take, and the rows before it are marked.
 *
 * <p><b>One active relay across hub instances: a transaction-level advisory lock</b>
 * ({@code pg_try_advisory_xact_lock}). An instance that does not get it skips its turn; the lock
 * goes with the transaction, so a relay that dies (or loses its connection) frees it at once, with
 * no lease to expire. The alternative, {@code FOR UPDATE SKIP LOCKED} with relays in parallel,
 * would let a second relay send a case's later message while the first still holds its earlier
 * one: order per case would need a lock per key. One relay sending in id order keeps every key's
 * order; its throughput (one sender, batched) is far above what the MIS produces.
 *
 * <p><b>At least once.</b> A row is marked sent only after the broker accepted the message; the
 * hub dying between the two leaves it unsent and the next relay sends it again, with the same
 * MessageID and Artemis duplicate-detection id ({@code _AMQ_DUPL_ID}), so the broker drops the
 * copy within its id cache and a receiver can deduplicate beyond it.
 *
 * <p><b>Order per key</b> is the id order, which is the commit order for rows of one key as long
 * as the writers of one key serialise on it (cases lock their case row before appending).
 *
 * <p><b>Backing off.</b> A failed batch (broker or database down) stops at the failed row and
 * waits {@code hub.outbox.backoff-initial-ms}, doubling up to {@code hub.outbox.backoff-max-ms},
 * before the next; the wait ends with the first batch that succeeds. The longest wait is also the
 * longest the relay may take to notice that the broker is back (BrokerRestartIT requires 10 s).
 */
@Component("outboxRelay")
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock key of the relay: "GHOUTBOX" in ASCII. */
    static final long LOCK_KEY = 0x47484F5554424F58L;

    private final JdbcTemplate jdbc;
    private final ConnectionFactory broker;
    private final TransactionTemplate separate;
    private final int batchSize;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Set<String> topics;
    private final Clock clock;
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile Duration backoff = Duration.ZERO;
    private final SchedulerInstance instance;
    private final AtomicLong batchesOneByOne = new AtomicLong();
    private final OutboxWakeUp wakeUp;

    OutboxRelay(JdbcTemplate jdbc, ConnectionFactory connections, PlatformTransactionManager transactions,
            BrokerProperties broker,
            @Value("${hub.outbox.batch-size:200}") int batchSize,
            @Value("${hub.outbox.backoff-initial-ms:500}") long initialBackoffMs,
            @Value("${hub.outbox.backoff-max-ms:5000}") long maxBackoffMs, SchedulerInstance instance,
            OutboxWakeUp wakeUp) {
        this.jdbc = jdbc;
        this.wakeUp = wakeUp;
        this.broker = connections;
        this.instance = instance;
        this.separate = new TransactionTemplate(transactions);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batchSize = batchSize;
        this.initialBackoff = Duration.ofMillis(initialBackoffMs);
        this.maxBackoff = Duration.ofMillis(maxBackoffMs);
        this.topics = Set.of(broker.gridChangedTopic());
        this.clock = Clock.systemUTC();
    }

    /**
     * One row to send.
     *
     * @param id the outbox row
     * @param messageId its MessageID (also the broker's duplicate-detection id)
     * @param address the broker address
     * @param topic whether the address is a topic (every subscriber gets a copy) rather than a queue
     * @param correlationId the MessageID of the inbound message that caused it, or null
     * @param body the EventMessage as stored
     */
    public record Row(long id, String messageId, String address, boolean topic, String correlationId, String body) {}

    /**
     * The next rows to send, in id order; none while backing off or while another instance's relay
     * holds the lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Row> nextBatch() {
        wakeUp.taken();
        if (clock.instant().isBefore(pausedUntil)) {
            return List.of();
        }
        if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY))) {
            return List.of();
        }
        return jdbc.query("""
                SELECT id, message_id, address, correlation_id, body FROM messaging.outbox
                WHERE sent_at IS NULL ORDER BY id LIMIT ?
                """, (rs, n) -> new Row(rs.getLong("id"), rs.getString("message_id"), rs.getString("address"),
                        topics.contains(rs.getString("address")), rs.getString("correlation_id"), rs.getString("body")),
                batchSize);
    }

    /**
     * Sends the batch to the broker and marks sent what the broker accepted: all of it in one JMS
     * transaction, or, when that fails, one message at a time up to the first the broker does not take.
     *
     * @throws RelayStopped when a message could not be sent (the rows before it are marked sent)
     * @throws JMSException when the broker cannot be reached at all
     */
    // RelayStopped must not mark the batch's transaction rollback-only: the rows sent before the failed
    // one stay marked sent when the route's doCatch lets the transaction commit
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = RelayStopped.class)
    public void send(List<Row> rows) throws JMSException {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = broker.createConnection();
        try {
            try {
                sendInOneTransaction(connection, rows);
            } catch (JMSException | RuntimeException batchFailed) {
                batchesOneByOne.incrementAndGet();
                log.info("outbox batch of {} not taken in one transaction ({}); sending one by one",
                        rows.size(), batchFailed.toString());
                sendOneByOne(connection, rows);
                return;
            }
            markSent(rows);
        } finally {
            connection.close();
        }
    }

    /** Batches the broker did not take in one transaction since start-up, sent one message at a time. */
    long batchesSentOneByOne() {
        return batchesOneByOne.get();
    }

    private void sendInOneTransaction(Connection connection, List<Row> rows) throws JMSException {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            try (MessageProducer producer = session.createProducer(null)) {
                for (Row row : rows) {
                    producer.send(destination(session, row), message(session, row), DeliveryMode.PERSISTENT,
                            producer.getPriority(), producer.getTimeToLive());
                }
                session.commit();
            } catch (JMSException | RuntimeException e) {
                rollbackQuietly(session);
                throw e;
            }
        }
    }

    private void sendOneByOne(Connection connection, List<Row> rows) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(null)) {
            for (Row row : rows) {
                try {
                    producer.send(destination(session, row), message(session, row), DeliveryMode.PERSISTENT,
                            producer.getPriority(), producer.getTimeToLive());
                } catch (JMSException | RuntimeException e) {
                    rowFailed(e, row.id());
                }
                markSent(List.of(row));
            }
        }
    }

    private static Destination destination(Session session, Row row) throws JMSException {
        return row.topic() ? session.createTopic(row.address()) : session.createQueue(row.address());
    }

    /** The EventMessage, its MessageID as a property and as the broker's duplicate-detection id. */
    private static TextMessage message(Session session, Row row) throws JMSException {
        TextMessage message = session.createTextMessage(row.body());
        message.setStringProperty("_AMQ_DUPL_ID", row.messageId());
        message.setStringProperty("MessageID", row.messageId());
        if (row.correlationId() != null) {
            message.setJMSCorrelationID(row.correlationId());
        }
        return message;
    }

    private static void rollbackQuietly(Session session) {
        try {
            session.rollback();
        } catch (JMSException | RuntimeException e) {
            log.debug("rollback of the outbox batch failed: {}", e.toString());
        }
    }

    /** Marks rows sent, after the broker accepted them, by this hub instance. */
    private void markSent(List<Row> rows) {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        String sentBy = instance == null ? null : instance.id();
        jdbc.update(con -> {
            var update = con.prepareStatement("UPDATE messaging.outbox SET sent_at = now(), attempts = attempts + 1,"
                    + " sent_by = ? WHERE id = ANY (?)");
            update.setString(1, sentBy);
            update.setArray(2, con.createArrayOf("bigint", ids));
            return update;
        });
    }

    /**
     * A batch ended without failure. A turn skipped while backing off ({@link #nextBatch} gave
     * nothing) is not one: the wait goes on. Counting it as a success ended every back-off at the next
     * timer tick or wake-up, so a relay that kept failing tried again every second whatever the
     * settings.
     */
    public void succeeded() {
        if (clock.instant().isBefore(pausedUntil)) {
            return;
        }
        if (!backoff.isZero()) {
            log.info("outbox relay resumed");
        }
        backoff = Duration.ZERO;
        pausedUntil = Instant.MIN;
    }

    /**
     * Sending a row failed: records why on the row (in its own transaction, as the batch's is about to
     * end) and stops the batch, so no later row overtakes it.
     */
    private void rowFailed(Exception cause, long rowId) {
        try {
            separate.executeWithoutResult(s -> jdbc.update(
                    "UPDATE messaging.outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                    String.valueOf(cause.getMessage()), rowId));
        } catch (RuntimeException e) {
            log.debug("cannot record the relay failure of row {}: {}", rowId, e.toString());
        }
        throw new RelayStopped(rowId, cause);
    }

    /** A batch failed (at a row, or before any: database down): wait before the next, longer each time. */
    public void failed(Exception cause) {
        backoff = backoff.isZero() ? initialBackoff : min(backoff.multipliedBy(2), maxBackoff);
        pausedUntil = clock.instant().plus(backoff);
        Throwable reason = cause instanceof RelayStopped ? cause.getCause() : cause;
        log.warn("outbox relay failed{}; next attempt in {} ms: {}",
                cause instanceof RelayStopped r ? " at row " + r.rowId : "", backoff.toMillis(), String.valueOf(reason));
    }

    /** The batch stopped at a row that could not be sent. */
    static final class RelayStopped extends RuntimeException {
        final long rowId;

        RelayStopped(long rowId, Throwable cause) {
            super("outbox row " + rowId + " not sent: " + cause.getMessage(), cause);
            this.rowId = rowId;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

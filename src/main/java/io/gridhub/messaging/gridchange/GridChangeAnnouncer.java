package io.gridhub.messaging.gridchange;

import java.util.UUID;

import io.gridhub.grid.GridChanged;
import io.gridhub.messaging.BrokerProperties;
import io.gridhub.messaging.outbox.OutboundMessage;
import io.gridhub.messaging.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces a committed grid change on the grid-changed topic, through the outbox: a broker that is
 * down when the run commits delays the announcement, it does not lose it. The MessageID is derived
 * from the run, so the same change is never queued twice, even when the event reaches this listener
 * again (a change heard from another instance is republished locally for the caches).
 */
// named apart from feeds' own (event-only) announcer until FeedRunner publishes GridChanged itself
@Component("gridChangeTopicAnnouncer")
class GridChangeAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(GridChangeAnnouncer.class);

    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String topic;
    private final HubInstance instance;

    GridChangeAnnouncer(Outbox outbox, JdbcTemplate jdbc, PlatformTransactionManager transactions,
            BrokerProperties broker, HubInstance instance) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        // after the publisher's commit its transaction is finished but still bound: a new one
        transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.topic = broker.gridChangedTopic();
        this.instance = instance;
    }

    /** After the publisher's commit; at once when it was published outside a transaction. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onGridChanged(GridChanged event) {
        String messageId = messageId(event);
        try {
            append(event, messageId);
        } catch (RuntimeException e) {
            // the change is committed and the local caches have their event; only a database that failed
            // right after the commit can lose the announcement, and that must not fail the run
            log.error("grid change of run {} (feed {}) not queued for the grid-changed topic: {}", event.runId(),
                    event.feedId(), e.toString());
        }
    }

    private void append(GridChanged event, String messageId) {
        transaction.executeWithoutResult(s -> {
            Integer queued = jdbc.queryForObject("SELECT count(*) FROM messaging.outbox WHERE message_id = ?",
                    Integer.class, messageId);
            if (queued != null && queued == 0) {
                outbox.append(new OutboundMessage(messageId, topic, "grid", "changed", "GridChange", null,
                        GridChangePayload.write(event, instance.id())));
            }
        });
    }

    /** A stable id per feed run: the same change is one message whoever announces it. */
    static String messageId(GridChanged event) {
        return "grid-changed-" + UUID.nameUUIDFromBytes((event.feedId() + "\n" + event.runId())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

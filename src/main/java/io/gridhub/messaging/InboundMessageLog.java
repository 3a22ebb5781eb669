package io.gridhub.messaging;

import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable record of changing requests already answered ({@code messaging.inbound_message}),
 * by Header/MessageID: the dedup half of "exactly once" for a broker that delivers at least once.
 * Both methods run inside the dispatcher's transaction, the one the change itself runs in.
 */
@Component
class InboundMessageLog {

    private final JdbcTemplate jdbc;
    private final long lockTimeoutMs;

    InboundMessageLog(JdbcTemplate jdbc,
            @Value("${hub.messaging.dedup-lock-timeout-ms:10000}") long lockTimeoutMs) {
        this.jdbc = jdbc;
        this.lockTimeoutMs = lockTimeoutMs;
    }

    /**
     * Claims the message id for this transaction. Empty when the id is new (the caller handles the
     * request and then {@link #answered records the reply}); otherwise the reply stored for it. A copy
     * being handled by another transaction right now makes this one wait for it, at most the
     * configured lock timeout, after which the request fails as transient and is redelivered.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<String> claim(String messageId, String verb, String noun) {
        String before = jdbc.queryForObject("SELECT current_setting('lock_timeout')", String.class);
        jdbc.queryForObject("SELECT set_config('lock_timeout', ?, true)", String.class, lockTimeoutMs + "ms");
        int inserted = jdbc.update("""
                INSERT INTO messaging.inbound_message (message_id, verb, noun) VALUES (?, ?, ?)
                ON CONFLICT (message_id) DO NOTHING
                """, messageId, verb, noun);
        jdbc.queryForObject("SELECT set_config('lock_timeout', ?, true)", String.class, before);
        if (inserted == 1) {
            return Optional.empty();
        }
        String reply = jdbc.queryForObject("SELECT reply FROM messaging.inbound_message WHERE message_id = ?",
                String.class, messageId);
        if (reply == null) {
            throw new IllegalStateException("message " + messageId + " is recorded without its reply");
        }
        return Optional.of(reply);
    }

    /** Stores the reply given to a claimed message. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void answered(String messageId, String reply) {
        jdbc.update("UPDATE messaging.inbound_message SET reply = ? WHERE message_id = ?", reply, messageId);
    }
}

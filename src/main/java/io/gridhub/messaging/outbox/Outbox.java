package io.gridhub.messaging.outbox;

/**
 * Transactional outbox: a capability appends the messages that report a change in the same
 * database transaction as the change itself; a relay sends them to the broker after the commit.
 * A change that rolls back sends nothing, and a committed change is never without its message,
 * even when the hub dies between the commit and the send.
 */
public interface Outbox {

    /**
     * Appends a message to be sent after the current transaction commits.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException when called outside a transaction
     */
    void append(OutboundMessage message);
}

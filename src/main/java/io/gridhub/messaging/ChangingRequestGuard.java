package io.gridhub.messaging;

import io.gridhub.messaging.iec61968.Header;

/**
 * Runs the answer to a changing request (any verb but {@code get}) at most once per MessageID:
 * the first delivery is answered and its reply recorded in the same transaction as the change;
 * every later delivery of the same MessageID gets that reply again and changes nothing.
 */
interface ChangingRequestGuard {

    /**
     * The reply to the request: the stored one for a MessageID seen before, else what the attempt
     * answers. An exception from the attempt rolls everything back (the broker redelivers).
     */
    String answerOnce(Header request, Attempt attempt);

    /** The handling of a request; it may undo its own database work and still give a reply. */
    @FunctionalInterface
    interface Attempt {
        /**
         * @param undo rolls back what the attempt did in the database (for a FAILED reply), keeping
         *        the record that the message was answered
         * @return the reply text
         */
        String run(Runnable undo);
    }
}

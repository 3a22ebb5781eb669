package io.gridhub.messaging;

import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;

/**
 * Answers one kind of IEC 61968-100 request from the marketing MIS, identified by its noun.
 * A capability that the MIS may query registers one as a bean.
 *
 * <p>Throw {@link IllegalArgumentException} for a request whose content is wrong (the MIS gets a
 * FAILED reply naming the field); any other exception is treated as transient, the message is
 * rolled back to the broker and redelivered, then dead-lettered.
 */
public interface MisRequestHandler {

    /** The noun this handler answers, e.g. {@code GridSummary}. */
    String noun();

    /** Whether this handler answers the verb (by default only {@code get}). */
    default boolean handles(String verb) {
        return "get".equals(verb);
    }

    /** Answers the request. */
    Answer handle(MessageEnvelope request);

    /**
     * The answer to a request.
     *
     * @param reply result and errors
     * @param payloadXml the payload of the response, or null
     * @param payloadJson the same payload as JSON text, for requests that came in the JSON form; null
     *        when the handler answers in XML only
     */
    record Answer(Reply reply, String payloadXml, String payloadJson) {
        public Answer(Reply reply, String payloadXml) {
            this(reply, payloadXml, null);
        }

        public static Answer ok(String payloadXml) {
            return new Answer(Reply.ok(), payloadXml);
        }
    }
}

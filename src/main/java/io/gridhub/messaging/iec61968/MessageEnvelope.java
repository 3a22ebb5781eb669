package io.gridhub.messaging.iec61968;

import java.util.Objects;

/**
 * One IEC 61968-100 message: a request (Header + Request + Payload), a response (Header + Reply +
 * Payload) or an event (Header + Payload). Request parameters and payload are kept as XML
 * fragments (the inner content of the Request and Payload elements), because their schema depends
 * on the noun; the capability that handles the noun reads them. A message that came in the
 * standard's JSON form carries its payload as JSON text instead ({@code payloadJson}), and is
 * answered in JSON.
 *
 * @param kind request, response or event
 * @param header the header
 * @param requestXml inner XML of the Request element, or null
 * @param reply the reply block of a response, or null
 * @param payloadXml inner XML of the Payload element, or null
 * @param payloadJson the Payload object as JSON text, for a message in the JSON form; otherwise null
 */
public record MessageEnvelope(Kind kind, Header header, String requestXml, Reply reply, String payloadXml,
        String payloadJson) {

    public MessageEnvelope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(header, "header");
        if (kind == Kind.RESPONSE && reply == null) {
            throw new IllegalArgumentException("a response message needs a Reply");
        }
    }

    /** A message in the normative XML form. */
    public MessageEnvelope(Kind kind, Header header, String requestXml, Reply reply, String payloadXml) {
        this(kind, header, requestXml, reply, payloadXml, null);
    }

    /** Whether the message came in the JSON form (and is answered in it). */
    public boolean json() {
        return payloadJson != null;
    }

    public static MessageEnvelope request(Header header, String requestXml, String payloadXml) {
        return new MessageEnvelope(Kind.REQUEST, header, requestXml, null, payloadXml);
    }

    public static MessageEnvelope response(Header header, Reply reply, String payloadXml) {
        return new MessageEnvelope(Kind.RESPONSE, header, null, reply, payloadXml);
    }

    public static MessageEnvelope event(Header header, String payloadXml) {
        return new MessageEnvelope(Kind.EVENT, header, null, null, payloadXml);
    }

    /** The root element of each kind of message. */
    public enum Kind {
        REQUEST("RequestMessage"), RESPONSE("ResponseMessage"), EVENT("EventMessage");

        private final String element;

        Kind(String element) {
            this.element = element;
        }

        public String element() {
            return element;
        }
    }
}

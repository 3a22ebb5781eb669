package io.gridhub.messaging;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.gridhub.messaging.iec61968.Header;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.InvalidMessageException;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads an IEC 61968-100 request from the MIS (XML or JSON form), hands it to the handler of its
 * noun and writes the response in the form the request came in. Malformed or unanswerable requests
 * get a FAILED reply that says why; they are never dropped. Changing requests (every verb but
 * {@code get}) need a MessageID and are answered once only ({@link ChangingRequestGuard}). The
 * Camel route {@code mis-requests} wires this to the broker ({@link MisJmsRequests}).
 */
@Component
public class MisRequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MisRequestDispatcher.class);
    private static final String REPLY_PREFIX = "gridhub.replies.";

    private final List<MisRequestHandler> handlers;
    private final Iec61968Codec codec = new Iec61968Codec();
    private final BrokerProperties broker;
    private final ChangingRequestGuard guard;
    private final Clock clock;

    @Autowired
    MisRequestDispatcher(List<MisRequestHandler> handlers, BrokerProperties broker, ChangingRequestGuard guard) {
        this(handlers, broker, guard, Clock.systemDefaultZone());
    }

    MisRequestDispatcher(List<MisRequestHandler> handlers, BrokerProperties broker, ChangingRequestGuard guard,
            Clock clock) {
        this.handlers = List.copyOf(handlers);
        this.broker = broker;
        this.guard = guard;
        this.clock = clock;
    }

    /**
     * The response to one request.
     *
     * @param text the response message, in the request's form
     * @param replyAddress the queue it goes to (always one of the hub's reply queues)
     * @param correlationId the request's MessageID, echoed in the response
     */
    public record Dispatched(String text, String replyAddress, String correlationId) {

        /**
         * The response text, as callers written before the JSON form knew it.
         *
         * @deprecated the response is JSON when the request was: use {@link #text()}
         */
        @Deprecated
        public String xml() {
            return text;
        }
    }

    /** Answers a request that came without JMSReplyTo. */
    public Dispatched dispatch(String text) {
        return dispatch(text, null);
    }

    /**
     * Answers a request.
     *
     * @param text the message
     * @param jmsReplyTo the queue named by the JMS message's JMSReplyTo, or null
     */
    public Dispatched dispatch(String text, String jmsReplyTo) {
        Iec61968Codec.Form form = Iec61968Codec.formOf(text);
        MessageEnvelope request;
        try {
            request = codec.read(text);
        } catch (InvalidMessageException e) {
            log.warn("invalid message from the MIS: {}", e.getMessage());
            return refuse(form, Header.of("reply", "Unknown"), "INVALID_MESSAGE", e.getMessage());
        }
        Header h = request.header();
        String requested = jmsReplyTo != null ? jmsReplyTo : h.replyAddress();
        if (requested != null && !allowedReplyAddress(requested)) {
            String field = jmsReplyTo != null ? "JMSReplyTo" : "Header/ReplyAddress";
            return refuse(form, h, "INVALID_REPLY_ADDRESS", field + " '" + requested
                    + "' is not one of the hub's reply queues (" + REPLY_PREFIX + "*); the reply went to "
                    + broker.defaultReplyQueue() + " and the request was not carried out");
        }
        String replyAddress = requested != null ? requested : broker.defaultReplyQueue();
        if (request.kind() != MessageEnvelope.Kind.REQUEST) {
            return refuse(form, h, "INVALID_MESSAGE", "expected a RequestMessage, got " + request.kind().element());
        }
        MisRequestHandler handler = handlers.stream()
                .filter(c -> c.noun().equals(h.noun()) && c.handles(h.verb()))
                .findFirst().orElse(null);
        if (handler == null) {
            List<String> nouns = handlers.stream().map(MisRequestHandler::noun).sorted().toList();
            return refuse(form, h, "UNSUPPORTED", "no handler for verb '" + h.verb() + "' and noun '"
                    + h.noun() + "'; this hub answers " + nouns);
        }
        if ("get".equals(h.verb())) {
            return new Dispatched(answer(handler, request, form, () -> { }), replyAddress, h.messageId());
        }
        if (h.messageId() == null) {
            return refuse(form, h, "INVALID_MESSAGE", "Header/MessageID is missing: a '" + h.verb()
                    + "' request needs one so that a redelivered copy changes nothing");
        }
        String reply = guard.answerOnce(h, undo -> answer(handler, request, form, undo));
        return new Dispatched(reply, replyAddress, h.messageId());
    }

    /**
     * A FAILED reply to something that could not be read as a request at all (a JMS ObjectMessage,
     * a body that is not text), sent to the default reply queue.
     */
    public Dispatched refuse(String code, String details) {
        log.warn("refused a message from the MIS: {}", details);
        return refuse(Iec61968Codec.Form.XML, Header.of("reply", "Unknown"), code, details);
    }

    private String answer(MisRequestHandler handler, MessageEnvelope request, Iec61968Codec.Form form, Runnable undo) {
        try {
            MisRequestHandler.Answer answer = handler.handle(request);
            return respond(form, request.header(), answer.reply(), answer.payloadXml(), answer.payloadJson());
        } catch (IllegalArgumentException e) {
            undo.run();
            return respond(form, request.header(), Reply.failed("INVALID_REQUEST", e.getMessage()), null, null);
        }
    }

    private Dispatched refuse(Iec61968Codec.Form form, Header request, String code, String details) {
        return new Dispatched(respond(form, request, Reply.failed(code, details), null, null),
                broker.defaultReplyQueue(), request.messageId());
    }

    private String respond(Iec61968Codec.Form form, Header request, Reply reply, String payloadXml, String payloadJson) {
        Header header = new Header("reply", request.noun(), request.revision(), OffsetDateTime.now(clock),
                "GridHub", null, UUID.randomUUID().toString(), request.messageId(), null, null, null, List.of());
        return codec.write(new MessageEnvelope(MessageEnvelope.Kind.RESPONSE, header, null, reply, payloadXml,
                payloadJson), form);
    }

    /** Replies only go to the hub's reply queues: a request cannot make the hub write elsewhere. */
    static boolean allowedReplyAddress(String address) {
        return address.startsWith(REPLY_PREFIX) && address.length() > REPLY_PREFIX.length()
                && address.matches("[A-Za-z0-9._-]+");
    }
}

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
 * Reads an IEC 61968-100 request from the MIS, hands it to the handler of its noun and writes the
 * response. Malformed or unanswerable requests get a FAILED reply that says why; they are never
 * dropped. The Camel route {@code mis-requests} wires this to the broker.
 */
@Component
public class MisRequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MisRequestDispatcher.class);
    private static final String REPLY_PREFIX = "gridhub.replies.";

    private final List<MisRequestHandler> handlers;
    private final Iec61968Codec codec = new Iec61968Codec();
    private final BrokerProperties broker;
    private final Clock clock;

    @Autowired
    public MisRequestDispatcher(List<MisRequestHandler> handlers, BrokerProperties broker) {
        this(handlers, broker, Clock.systemDefaultZone());
    }

    MisRequestDispatcher(List<MisRequestHandler> handlers, BrokerProperties broker, Clock clock) {
        this.handlers = List.copyOf(handlers);
        this.broker = broker;
        this.clock = clock;
    }

    /**
     * The response to one request.
     *
     * @param xml the response message
     * @param replyAddress where to send it when the JMS message named no JMSReplyTo
     * @param correlationId the request's MessageID, echoed in the response
     */
    public record Dispatched(String xml, String replyAddress, String correlationId) {}

    public Dispatched dispatch(String xml) {
        MessageEnvelope request;
        try {
            request = codec.read(xml);
        } catch (InvalidMessageException e) {
            log.warn("invalid message from the MIS: {}", e.getMessage());
            return respond(Header.of("reply", "Unknown"), Reply.failed("INVALID_MESSAGE", e.getMessage()), null);
        }
        Header h = request.header();
        if (request.kind() != MessageEnvelope.Kind.REQUEST) {
            return respond(h, Reply.failed("INVALID_MESSAGE",
                    "expected a RequestMessage, got " + request.kind().element()), null);
        }
        MisRequestHandler handler = handlers.stream()
                .filter(c -> c.noun().equals(h.noun()) && c.handles(h.verb()))
                .findFirst().orElse(null);
        if (handler == null) {
            List<String> nouns = handlers.stream().map(MisRequestHandler::noun).sorted().toList();
            return respond(h, Reply.failed("UNSUPPORTED", "no handler for verb '" + h.verb() + "' and noun '"
                    + h.noun() + "'; this hub answers " + nouns), null);
        }
        try {
            MisRequestHandler.Answer answer = handler.handle(request);
            return respond(h, answer.reply(), answer.payloadXml());
        } catch (IllegalArgumentException e) {
            return respond(h, Reply.failed("INVALID_REQUEST", e.getMessage()), null);
        }
    }

    private Dispatched respond(Header request, Reply reply, String payloadXml) {
        Header header = new Header("reply", request.noun(), request.revision(), OffsetDateTime.now(clock),
                "GridHub", null, UUID.randomUUID().toString(), request.messageId(), null, null, null, List.of());
        String xml = codec.write(MessageEnvelope.response(header, reply, payloadXml));
        return new Dispatched(xml, replyAddress(request.replyAddress()), request.messageId());
    }

    /** Replies only go to the hub's reply addresses: a request cannot make the hub write elsewhere. */
    private String replyAddress(String requested) {
        if (requested != null && requested.startsWith(REPLY_PREFIX) && requested.matches("[A-Za-z0-9._-]+")) {
            return requested;
        }
        return broker.defaultReplyQueue();
    }
}

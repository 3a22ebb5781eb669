package io.gridhub.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.springframework.stereotype.Component;

/**
 * The JMS side of a request from the MIS, as the route {@code mis-requests} receives it (the raw
 * {@link Message}: Camel does not map the body, so an ObjectMessage is never deserialised). Text
 * arrives as a TextMessage (JMS, AMQP strings) or as UTF-8 bytes (STOMP frames with a
 * content-length, AMQP binary data); anything else gets a FAILED reply.
 */
@Component("misJmsRequests")
public class MisJmsRequests {

    /** Largest request body read, in bytes; the broker's own limits apply before this. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final MisRequestDispatcher dispatcher;

    MisJmsRequests(MisRequestDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * The reply to the message, and the JMSCorrelationID it carries: the request's JMSCorrelationID,
     * or its JMSMessageID when it had none (the JMS request/reply convention).
     */
    public record Reply(String text, String replyAddress, String jmsCorrelationId) {}

    public Reply answer(Message message) throws JMSException {
        String correlation = message.getJMSCorrelationID() != null ? message.getJMSCorrelationID()
                : message.getJMSMessageID();
        MisRequestDispatcher.Dispatched d;
        if (message instanceof TextMessage text) {
            d = dispatcher.dispatch(text.getText(), replyTo(message.getJMSReplyTo()));
        } else if (message instanceof BytesMessage bytes) {
            String text = utf8(bytes);
            d = text == null
                    ? dispatcher.refuse("INVALID_MESSAGE", "the message body is not UTF-8 text of at most "
                            + MAX_BODY_BYTES + " bytes")
                    : dispatcher.dispatch(text, replyTo(message.getJMSReplyTo()));
        } else {
            // an ObjectMessage would run Java deserialisation on another system's bytes: never read it
            d = dispatcher.refuse("UNSUPPORTED_MESSAGE_TYPE", message.getClass().getSimpleName()
                    .replace("ActiveMQ", "") + " refused: IEC 61968-100 requests are text (XML or JSON)");
        }
        return new Reply(d.text(), d.replyAddress(), correlation);
    }

    private static String utf8(BytesMessage bytes) throws JMSException {
        long length = bytes.getBodyLength();
        if (length > MAX_BODY_BYTES) {
            return null;
        }
        byte[] body = new byte[(int) length];
        bytes.readBytes(body);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The name of the JMSReplyTo destination, marked so that the dispatcher refuses what is not one of
     * the hub's reply queues: a topic or a temporary queue never is.
     */
    private static String replyTo(Destination d) throws JMSException {
        if (d == null) {
            return null;
        }
        if (d instanceof TemporaryQueue) {
            return "temporary-queue:" + ((Queue) d).getQueueName();
        }
        if (d instanceof Queue q) {
            return q.getQueueName();
        }
        if (d instanceof Topic t) {
            return "topic:" + t.getTopicName();
        }
        return d.toString();
    }
}

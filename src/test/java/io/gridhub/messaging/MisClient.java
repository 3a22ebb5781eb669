package io.gridhub.messaging;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.gridhub.messaging.iec61968.Header;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * What the marketing MIS does: connect to the hub's broker over TCP with its own credentials,
 * send IEC 61968-100 requests and read the replies. Tests use it as the other system.
 */
public final class MisClient implements AutoCloseable {

    private final Connection connection;
    private final Session session;
    private final Iec61968Codec codec = new Iec61968Codec();

    public MisClient(String brokerUrl, String user, String password) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl, user, password);
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** A get request for a noun, with a fresh MessageID. */
    public static MessageEnvelope get(String noun, String requestXml, String replyAddress) {
        Header header = new Header("get", noun, null, OffsetDateTime.now(), "MarketingMIS", replyAddress,
                UUID.randomUUID().toString(), null, "cm01", "鄂尔多斯供电公司", null, List.of());
        return MessageEnvelope.request(header, requestXml, null);
    }

    /** A changing request (create, change…) for a noun, with a fresh MessageID and an XML payload. */
    public static MessageEnvelope change(String verb, String noun, String payloadXml) {
        Header header = new Header(verb, noun, null, OffsetDateTime.now(), "MarketingMIS", null,
                UUID.randomUUID().toString(), null, "cm01", "鄂尔多斯供电公司", null, List.of());
        return MessageEnvelope.request(header, null, payloadXml);
    }

    /** Sends raw text to a queue, with an optional JMSReplyTo queue; returns the JMSMessageID. */
    public String send(String queue, String text, String replyTo, String correlationId) throws JMSException {
        TextMessage message = session.createTextMessage(text);
        if (replyTo != null) {
            message.setJMSReplyTo(session.createQueue(replyTo));
        }
        if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        }
        session.createProducer(session.createQueue(queue)).send(message);
        return message.getJMSMessageID();
    }

    /** Sends the request and waits for the reply on the reply queue, matched by JMSCorrelationID. */
    public MessageEnvelope request(String queue, MessageEnvelope request, String replyQueue, long timeoutMs) throws JMSException {
        String correlationId = UUID.randomUUID().toString();
        send(queue, codec.write(request), replyQueue, correlationId);
        String reply = receive(replyQueue, "JMSCorrelationID = '" + correlationId + "'", timeoutMs);
        if (reply == null) {
            throw new AssertionError("no reply on " + replyQueue + " within " + timeoutMs + " ms");
        }
        return codec.read(reply);
    }

    /** The text of the next message on the queue matching the selector, or null after the timeout. */
    public String receive(String queue, String selector, long timeoutMs) throws JMSException {
        Queue q = session.createQueue(queue);
        try (MessageConsumer consumer = selector == null ? session.createConsumer(q) : session.createConsumer(q, selector)) {
            Message m = consumer.receive(timeoutMs);
            return m == null ? null : ((TextMessage) m).getText();
        }
    }

    public Session session() {
        return session;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}

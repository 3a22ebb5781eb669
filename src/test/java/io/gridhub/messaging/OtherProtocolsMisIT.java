package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.gridhub.HubIntegrationTest;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Delivery;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Receiver;
import org.apache.qpid.protonj2.client.Sender;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Marketing systems that are not Java: the MIS acceptor speaks AMQP 1.0 (a Qpid ProtonJ2 client, no
 * JMS) and STOMP (raw frames over a socket), with the same login and the same address rules.
 */
@HubIntegrationTest
class OtherProtocolsMisIT {

    @Autowired BrokerProperties broker;
    private final Iec61968Codec codec = new Iec61968Codec();

    private Connection amqp(String user, String password) throws Exception {
        return Client.create().connect("127.0.0.1", broker.port(),
                new ConnectionOptions().user(user).password(password));
    }

    @Test
    void anAmqpClientAsksAndIsAnsweredOnItsReplyQueue() throws Exception {
        String replyQueue = "gridhub.replies.amqp-" + UUID.randomUUID();
        try (Connection c = amqp(broker.misUser(), broker.misPassword());
             Receiver replies = c.openReceiver(replyQueue);
             Sender requests = c.openSender(broker.requestQueue())) {
            MessageEnvelope request = MisClient.get("GridSummary", null, replyQueue);
            requests.send(Message.create(codec.write(request)).correlationId("amqp-1")).awaitSettlement(10, TimeUnit.SECONDS);
            Delivery d = replies.receive(20, TimeUnit.SECONDS);
            assertThat(d).as("reply over AMQP").isNotNull();
            Message<Object> m = d.message();
            assertThat(m.correlationId()).isEqualTo("amqp-1");
            MessageEnvelope reply = codec.read(String.valueOf(m.body()));
            assertThat(reply.reply().result()).isEqualTo(Reply.Result.OK);
            assertThat(reply.header().correlationId()).isEqualTo(request.header().messageId());
        }
    }

    @Test
    void amqpHasTheSameLoginAndAddressRules() throws Exception {
        assertThatThrownBy(() -> {
            try (Connection c = amqp(broker.misUser(), "wrong")) {
                c.openSender(broker.requestQueue()).send(Message.create("x")).awaitSettlement(10, TimeUnit.SECONDS);
            }
        }).as("wrong password").isInstanceOf(Exception.class);
        try (Connection c = amqp(broker.misUser(), broker.misPassword())) {
            assertThatThrownBy(() -> c.openSender(broker.eventsAddress()).send(Message.create("forged"))
                    .awaitSettlement(10, TimeUnit.SECONDS)).as("not the MIS's to write").isInstanceOf(Exception.class);
        }
        try (Connection c = amqp(broker.misUser(), broker.misPassword())) {
            assertThatThrownBy(() -> c.openSender("gridhub.made-up-" + UUID.randomUUID()).send(Message.create("x"))
                    .awaitSettlement(10, TimeUnit.SECONDS)).as("no auto-created addresses").isInstanceOf(Exception.class);
        }
    }

    @Test
    void aStompClientSendsUtf8BytesAndIsAnswered() throws Exception {
        String replyQueue = "gridhub.replies.stomp-" + UUID.randomUUID();
        try (Stomp stomp = new Stomp(broker.port())) {
            assertThat(stomp.frame("CONNECT", "accept-version:1.2\nhost:127.0.0.1\nlogin:" + broker.misUser()
                    + "\npasscode:" + broker.misPassword(), "")).startsWith("CONNECTED");
            stomp.send("SUBSCRIBE", "id:0\ndestination:" + replyQueue + "\nack:auto", "");
            MessageEnvelope request = MisClient.get("GridSummary", null, replyQueue);
            byte[] body = codec.write(request).getBytes(StandardCharsets.UTF_8); // carries 鄂尔多斯供电公司
            stomp.send("SEND", "destination:" + broker.requestQueue() + "\ncorrelation-id:stomp-1\ncontent-type:application/xml"
                    + "\ncontent-length:" + body.length, body);
            String frame = stomp.read();
            assertThat(frame).startsWith("MESSAGE").contains("correlation-id:stomp-1");
            MessageEnvelope reply = codec.read(frame.substring(frame.indexOf("\n\n") + 2));
            assertThat(reply.reply().result()).isEqualTo(Reply.Result.OK);
            assertThat(reply.header().correlationId()).isEqualTo(request.header().messageId());
        }
    }

    @Test
    void stompRefusesAWrongPassword() throws Exception {
        try (Stomp stomp = new Stomp(broker.port())) {
            assertThat(stomp.frame("CONNECT", "accept-version:1.2\nhost:127.0.0.1\nlogin:" + broker.misUser()
                    + "\npasscode:wrong", "")).startsWith("ERROR");
        }
    }

    /** STOMP 1.2 frames over a plain socket: what any language's client sends. */
    private static final class Stomp implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Stomp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        void send(String command, String headers, String body) throws IOException {
            send(command, headers, body.getBytes(StandardCharsets.UTF_8));
        }

        void send(String command, String headers, byte[] body) throws IOException {
            out.write((command + "\n" + headers + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.write(0);
            out.flush();
        }

        String frame(String command, String headers, String body) throws IOException {
            send(command, headers, body);
            return read();
        }

        /** The next frame (heart-beat newlines skipped), up to its NUL. */
        String read() throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == 0) {
                    break;
                }
                if (frame.size() == 0 && (b == '\n' || b == '\r')) {
                    continue;
                }
                frame.write(b);
            }
            return frame.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

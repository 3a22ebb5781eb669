package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridhub.HubIntegrationTest;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The marketing MIS talks to the embedded broker over the network, with its own credentials, and
 * gets IEC 61968-100 replies; what it may not do, it cannot do.
 */
@HubIntegrationTest
class MisMessagingIT {

    @Autowired BrokerProperties broker;

    private String url() {
        return "tcp://127.0.0.1:" + broker.port();
    }

    @Test
    void theMisAsksForTheGridSummaryAndGetsAReply() throws Exception {
        try (MisClient mis = new MisClient(url(), "mis", "mis")) {
            MessageEnvelope request = MisClient.get("GridSummary", null, null);
            MessageEnvelope reply = mis.request(broker.requestQueue(), request, broker.defaultReplyQueue(), 15_000);
            assertThat(reply.kind()).isEqualTo(MessageEnvelope.Kind.RESPONSE);
            assertThat(reply.reply().result()).isEqualTo(Reply.Result.OK);
            assertThat(reply.header().verb()).isEqualTo("reply");
            assertThat(reply.header().correlationId()).isEqualTo(request.header().messageId());
            assertThat(reply.payloadXml()).contains("<AssetCount type=\"SUBSTATION\">").doesNotContain(">0</AssetCount>");
        }
    }

    @Test
    void aRequestWithoutJmsReplyToIsAnsweredOnItsReplyAddress() throws Exception {
        try (MisClient mis = new MisClient(url(), "mis", "mis")) {
            MessageEnvelope request = MisClient.get("GridSummary", null, broker.defaultReplyQueue());
            String id = mis.send(broker.requestQueue(), new Iec61968Codec().write(request), null, null);
            String text = mis.receive(broker.defaultReplyQueue(), "JMSCorrelationID = '" + id + "'", 15_000);
            assertThat(text).isNotNull();
            assertThat(new Iec61968Codec().read(text).header().correlationId()).isEqualTo(request.header().messageId());
        }
    }

    @Test
    void malformedAndUnknownRequestsGetAFailedReplyNotSilence() throws Exception {
        try (MisClient mis = new MisClient(url(), "mis", "mis")) {
            String id = mis.send(broker.requestQueue(), "<RequestMessage><oops", null, "bad-1");
            String text = mis.receive(broker.defaultReplyQueue(), "JMSCorrelationID = 'bad-1'", 15_000);
            MessageEnvelope reply = new Iec61968Codec().read(text);
            assertThat(reply.reply().result()).isEqualTo(Reply.Result.FAILED);
            assertThat(reply.reply().errors().get(0).code()).isEqualTo("INVALID_MESSAGE");
            assertThat(id).isNotNull();

            MessageEnvelope unknown = mis.request(broker.requestQueue(), MisClient.get("Weather", null, null),
                    broker.defaultReplyQueue(), 15_000);
            assertThat(unknown.reply().result()).isEqualTo(Reply.Result.FAILED);
            assertThat(unknown.reply().errors().get(0).details()).contains("Weather").contains("GridSummary");
        }
    }

    @Test
    void theBrokerRefusesWrongCredentials() {
        assertThatThrownBy(() -> new MisClient(url(), "mis", "wrong").close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> new MisClient(url(), null, null).close()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void theMisMayNotWriteToTheHubsInternalAddresses() throws Exception {
        try (MisClient mis = new MisClient(url(), "mis", "mis")) {
            assertThatThrownBy(() -> mis.send(broker.defaultReplyQueue(), "forged reply", null, null))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> mis.session().createProducer(mis.session().createTopic(broker.gridChangedTopic()))
                    .send(mis.session().createTextMessage("forged event")))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }
}

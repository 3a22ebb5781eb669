package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.gridhub.messaging.iec61968.Header;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import org.junit.jupiter.api.Test;

class MisRequestDispatcherTest {

    private final BrokerProperties broker = new BrokerProperties("127.0.0.1", 61616, "mis", "mis", 5,
            "gridhub.requests", "gridhub.replies.mis", "gridhub.grid.changed");
    private final Iec61968Codec codec = new Iec61968Codec();

    private final MisRequestHandler echo = new MisRequestHandler() {
        @Override public String noun() { return "Echo"; }
        @Override public Answer handle(MessageEnvelope request) {
            if (request.requestXml() == null) {
                throw new IllegalArgumentException("Request/Text is missing");
            }
            return Answer.ok(request.requestXml());
        }
    };
    private final MisRequestHandler broken = new MisRequestHandler() {
        @Override public String noun() { return "Broken"; }
        @Override public Answer handle(MessageEnvelope request) { throw new IllegalStateException("database down"); }
    };
    private final MisRequestDispatcher dispatcher = new MisRequestDispatcher(List.of(echo, broken), broker);

    private String request(String verb, String noun, String replyAddress, String requestXml) {
        Header h = new Header(verb, noun, null, null, "MIS", replyAddress, "m-7", null, null, null, null, List.of());
        return codec.write(MessageEnvelope.request(h, requestXml, null));
    }

    @Test
    void answersWithTheHandlersPayloadAndEchoesTheMessageId() {
        MisRequestDispatcher.Dispatched d = dispatcher.dispatch(request("get", "Echo", null, "<T xmlns=\"urn:t\">hi</T>"));
        MessageEnvelope reply = codec.read(d.xml());
        assertThat(reply.reply().result()).isEqualTo(Reply.Result.OK);
        assertThat(reply.payloadXml()).contains("hi");
        assertThat(reply.header().correlationId()).isEqualTo("m-7");
        assertThat(d.correlationId()).isEqualTo("m-7");
        assertThat(d.replyAddress()).isEqualTo("gridhub.replies.mis");
    }

    @Test
    void invalidContentIsAFailedReplyNamingTheField() {
        MessageEnvelope reply = codec.read(dispatcher.dispatch(request("get", "Echo", null, null)).xml());
        assertThat(reply.reply().result()).isEqualTo(Reply.Result.FAILED);
        assertThat(reply.reply().errors().get(0).details()).isEqualTo("Request/Text is missing");
    }

    @Test
    void unsupportedVerbOrNounSaysWhatTheHubAnswers() {
        MessageEnvelope reply = codec.read(dispatcher.dispatch(request("create", "Echo", null, null)).xml());
        assertThat(reply.reply().errors().get(0).code()).isEqualTo("UNSUPPORTED");
        assertThat(reply.reply().errors().get(0).details()).contains("[Broken, Echo]");
    }

    @Test
    void transientFailuresPropagateSoTheBrokerRedelivers() {
        assertThatThrownBy(() -> dispatcher.dispatch(request("get", "Broken", null, null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void repliesOnlyGoToTheHubsReplyAddresses() {
        assertThat(dispatcher.dispatch(request("get", "Echo", "gridhub.replies.mis-2", "<a/>")).replyAddress())
                .isEqualTo("gridhub.replies.mis-2");
        assertThat(dispatcher.dispatch(request("get", "Echo", "gridhub.requests", "<a/>")).replyAddress())
                .isEqualTo("gridhub.replies.mis");
        assertThat(dispatcher.dispatch(request("get", "Echo", "gridhub.replies.x?y=z", "<a/>")).replyAddress())
                .isEqualTo("gridhub.replies.mis");
    }
}

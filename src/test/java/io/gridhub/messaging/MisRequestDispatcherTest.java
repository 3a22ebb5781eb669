package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gridhub.messaging.iec61968.Header;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import org.junit.jupiter.api.Test;

class MisRequestDispatcherTest {

    private final BrokerProperties broker = BrokerProperties.defaults("127.0.0.1", 61616, 1000);
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
    private final MisRequestHandler counter = new MisRequestHandler() {
        int changes;
        @Override public String noun() { return "Counter"; }
        @Override public boolean handles(String verb) { return verb.equals("change"); }
        @Override public Answer handle(MessageEnvelope request) {
            changes++;
            if (request.json()) {
                return new Answer(Reply.ok(), null, "{\"changes\":" + changes + "}");
            }
            return Answer.ok("<C xmlns=\"urn:c\">" + changes + "</C>");
        }
    };
    /** The guard's contract without a database: a MessageID is answered once, later copies get that reply. */
    private final Map<String, String> answered = new HashMap<>();
    private final ChangingRequestGuard guard = (h, attempt) ->
            answered.computeIfAbsent(h.messageId(), id -> attempt.run(() -> { }));
    private final MisRequestDispatcher dispatcher = new MisRequestDispatcher(List.of(echo, broken, counter), broker,
            guard);

    private String request(String verb, String noun, String replyAddress, String requestXml) {
        Header h = new Header(verb, noun, null, null, "MIS", replyAddress, "m-7", null, null, null, null, List.of());
        return codec.write(MessageEnvelope.request(h, requestXml, null));
    }

    @Test
    void answersWithTheHandlersPayloadAndEchoesTheMessageId() {
        MisRequestDispatcher.Dispatched d = dispatcher.dispatch(request("get", "Echo", null, "<T xmlns=\"urn:t\">hi</T>"));
        MessageEnvelope reply = codec.read(d.text());
        assertThat(reply.reply().result()).isEqualTo(Reply.Result.OK);
        assertThat(reply.payloadXml()).contains("hi");
        assertThat(reply.header().correlationId()).isEqualTo("m-7");
        assertThat(d.correlationId()).isEqualTo("m-7");
        assertThat(d.replyAddress()).isEqualTo("gridhub.replies.mis");
    }

    @Test
    void invalidContentIsAFailedReplyNamingTheField() {
        MessageEnvelope reply = codec.read(dispatcher.dispatch(request("get", "Echo", null, null)).text());
        assertThat(reply.reply().result()).isEqualTo(Reply.Result.FAILED);
        assertThat(reply.reply().errors().get(0).details()).isEqualTo("Request/Text is missing");
    }

    @Test
    void unsupportedVerbOrNounSaysWhatTheHubAnswers() {
        MessageEnvelope reply = codec.read(dispatcher.dispatch(request("create", "Echo", null, null)).text());
        assertThat(reply.reply().errors().get(0).code()).isEqualTo("UNSUPPORTED");
        assertThat(reply.reply().errors().get(0).details()).contains("[Broken, Counter, Echo]");
    }

    @Test
    void transientFailuresPropagateSoTheBrokerRedelivers() {
        assertThatThrownBy(() -> dispatcher.dispatch(request("get", "Broken", null, null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void repliesOnlyGoToTheHubsReplyAddressesAndAnythingElseIsAFailedReplyToTheDefaultQueue() {
        assertThat(dispatcher.dispatch(request("get", "Echo", "gridhub.replies.mis-2", "<a/>")).replyAddress())
                .isEqualTo("gridhub.replies.mis-2");
        for (String bad : new String[] {"gridhub.requests", "gridhub.replies.x?y=z", "gridhub.replies.", "gridhub.DLQ"}) {
            MisRequestDispatcher.Dispatched d = dispatcher.dispatch(request("get", "Echo", bad, "<a/>"));
            assertThat(d.replyAddress()).isEqualTo("gridhub.replies.mis");
            MessageEnvelope reply = codec.read(d.text());
            assertThat(reply.reply().result()).isEqualTo(Reply.Result.FAILED);
            assertThat(reply.reply().errors().get(0).code()).isEqualTo("INVALID_REPLY_ADDRESS");
            assertThat(reply.reply().errors().get(0).details()).contains("Header/ReplyAddress").contains(bad);
        }
        MisRequestDispatcher.Dispatched viaJms = dispatcher.dispatch(request("get", "Echo", null, "<a/>"), "temporary-queue:x");
        assertThat(codec.read(viaJms.text()).reply().errors().get(0).details()).contains("JMSReplyTo");
    }

    @Test
    void aChangingRequestIsAnsweredOnceAndItsCopiesGetTheSameReply() {
        String first = dispatcher.dispatch(request("change", "Counter", null, null)).text();
        String copy = dispatcher.dispatch(request("change", "Counter", null, null)).text();
        assertThat(copy).isEqualTo(first);
        assertThat(codec.read(first).payloadXml()).contains(">1<");
    }

    @Test
    void aChangingRequestWithoutMessageIdIsRefusedNamingTheField() {
        Header h = new Header("change", "Counter", null, null, "MIS", null, null, null, null, null, null, List.of());
        MessageEnvelope reply = codec.read(dispatcher.dispatch(codec.write(MessageEnvelope.request(h, null, null))).text());
        assertThat(reply.reply().result()).isEqualTo(Reply.Result.FAILED);
        assertThat(reply.reply().errors().get(0).details()).startsWith("Header/MessageID is missing");
        assertThat(answered).isEmpty();
    }

    @Test
    void aRequestInJsonIsAnsweredInJson() {
        String json = """
                {"RequestMessage": {"Header": {"Verb": "change", "Noun": "Counter", "MessageID": "j-1"},
                  "Payload": {"n": 1}}}""";
        String text = dispatcher.dispatch(json).text();
        assertThat(text).startsWith("{\"ResponseMessage\":");
        MessageEnvelope reply = codec.read(text);
        assertThat(reply.reply().result()).isEqualTo(Reply.Result.OK);
        assertThat(reply.header().correlationId()).isEqualTo("j-1");
        assertThat(reply.payloadJson()).isEqualTo("{\"changes\":1}");

        String refused = dispatcher.dispatch("{\"RequestMessage\": {\"Header\": {\"Verb\": \"get\"}}}").text();
        assertThat(refused).startsWith("{");
        assertThat(codec.read(refused).reply().errors().get(0).details()).isEqualTo("Header/Noun is missing");
    }
}

package io.gridhub.messaging.iec61968;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The standard's JSON form: same header fields as XML, the Payload kept as JSON text. */
class Iec61968JsonTest {

    private final Iec61968Codec codec = new Iec61968Codec();

    @Test
    void aJsonRequestFromTheMisIsReadWithEveryHeaderField() {
        MessageEnvelope m = codec.read("""
                \uFEFF  {"RequestMessage": {
                  "Header": {"Verb": "create", "Noun": "ConnectionApplication", "Revision": "1",
                    "Timestamp": "2026-12-02T09:00:00+08:00", "Source": "MarketingMIS",
                    "ReplyAddress": "gridhub.replies.mis", "User": {"UserID": "cm01", "Organization": "鄂尔多斯供电公司"},
                    "MessageID": "m-1", "CorrelationID": "c-1", "Comment": "新装",
                    "Property": [{"Name": "caseNo", "Value": "YK2026001"}]},
                  "Payload": {"ConnectionApplication": {"caseNo": "YK2026001", "requestedKva": 400}}}}""");
        assertThat(codec.formOf("  {")).isEqualTo(Iec61968Codec.Form.JSON);
        assertThat(m.kind()).isEqualTo(MessageEnvelope.Kind.REQUEST);
        assertThat(m.json()).isTrue();
        assertThat(m.header()).isEqualTo(new Header("create", "ConnectionApplication", "1",
                OffsetDateTime.parse("2026-12-02T09:00:00+08:00"), "MarketingMIS", "gridhub.replies.mis", "m-1", "c-1",
                "cm01", "鄂尔多斯供电公司", "新装", List.of(new Header.Property("caseNo", "YK2026001"))));
        assertThat(m.payloadJson()).isEqualTo("{\"ConnectionApplication\":{\"caseNo\":\"YK2026001\",\"requestedKva\":400}}");
        assertThat(m.payloadXml()).isNull();
    }

    @Test
    void aResponseSurvivesWritingAndReadingInJson() {
        Header header = new Header("reply", "ConnectionApplication", null, OffsetDateTime.parse("2026-12-02T09:00:01+08:00"),
                "GridHub", null, "r-1", "m-1", null, null, null, List.of(new Header.Property("a", "b")));
        MessageEnvelope response = new MessageEnvelope(MessageEnvelope.Kind.RESPONSE, header, null,
                new Reply(Reply.Result.FAILED, List.of(new Reply.Error("INVALID_REQUEST", Reply.Level.FATAL,
                        "Payload/requestedKva must be positive"))), null, "{\"caseNo\":\"YK2026001\"}");
        String json = codec.write(response);
        assertThat(json).startsWith("{\"ResponseMessage\":{\"Header\":{\"Verb\":\"reply\"");
        MessageEnvelope read = codec.read(json);
        assertThat(read.header()).isEqualTo(header);
        assertThat(read.reply()).isEqualTo(response.reply());
        assertThat(read.payloadJson()).isEqualTo("{\"caseNo\":\"YK2026001\"}");
    }

    @Test
    void aJsonMessageWithoutPayloadIsStillJson() {
        MessageEnvelope m = codec.read("{\"RequestMessage\":{\"Header\":{\"Verb\":\"get\",\"Noun\":\"GridSummary\"}}}");
        assertThat(m.json()).isTrue();
        assertThat(codec.write(MessageEnvelope.response(m.header(), Reply.ok(), null), Iec61968Codec.Form.JSON))
                .startsWith("{\"ResponseMessage\"");
    }

    @Test
    void anXmlOnlyAnswerToAJsonRequestTravelsAsTextInPayload() {
        MessageEnvelope response = MessageEnvelope.response(Header.of("reply", "GridSummary"), Reply.ok(), "<G xmlns=\"urn:g\"/>");
        MessageEnvelope read = codec.read(codec.write(response, Iec61968Codec.Form.JSON));
        assertThat(read.payloadJson()).isEqualTo("{\"Format\":\"XML\",\"Content\":\"<G xmlns=\\\"urn:g\\\"/>\"}");
    }

    @Test
    void saysWhatIsWrongWithABadJsonMessage() {
        assertThatThrownBy(() -> codec.read("{\"RequestMessage\": {\"Header\": {\"Verb\": \"get\"")).hasMessageStartingWith("message is not well-formed JSON");
        assertThatThrownBy(() -> codec.read("{\"Request\": {}}")).hasMessageStartingWith("unknown message member Request");
        assertThatThrownBy(() -> codec.read("{\"a\": 1, \"b\": 2}")).hasMessageContaining("one object with one member");
        assertThatThrownBy(() -> codec.read("{\"RequestMessage\": {}}")).hasMessage("Header is missing");
        assertThatThrownBy(() -> codec.read("{\"RequestMessage\": {\"Header\": {\"Noun\": \"X\"}}}")).hasMessage("Header/Verb is missing");
        assertThatThrownBy(() -> codec.read("{\"RequestMessage\": {\"Header\": {\"Verb\": \"fetch\", \"Noun\": \"X\"}}}"))
                .hasMessageStartingWith("Header/Verb 'fetch' is not an IEC 61968-100 verb");
        assertThatThrownBy(() -> codec.read("{\"RequestMessage\": {\"Header\": {\"Verb\": \"get\", \"Noun\": {\"x\": 1}}}}"))
                .hasMessage("Header/Noun must be a string");
        assertThatThrownBy(() -> codec.read("{\"ResponseMessage\": {\"Header\": {\"Verb\": \"reply\", \"Noun\": \"X\"}}}"))
                .hasMessage("ResponseMessage without Reply");
        assertThatThrownBy(() -> codec.read("{\"RequestMessage\": {\"Header\": {\"Verb\": \"get\", \"Noun\": \"X\"}, \"Request\": {\"id\": 1}}}"))
                .hasMessageStartingWith("Request parameters are not read in the JSON form");
        assertThatThrownBy(() -> codec.read("{\"RequestMessage\": {\"Header\": {\"Verb\": \"get\", \"Noun\": \"X\", \"Timestamp\": \"yesterday\"}}}"))
                .hasMessageContaining("Header/Timestamp 'yesterday'");
        assertThatThrownBy(() -> codec.read("[".repeat(1000))).isInstanceOf(InvalidMessageException.class);
    }
}

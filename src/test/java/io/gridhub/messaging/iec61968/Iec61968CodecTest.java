package io.gridhub.messaging.iec61968;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class Iec61968CodecTest {

    private final Iec61968Codec codec = new Iec61968Codec();

    @Test
    void aRequestSurvivesWritingAndReading() {
        Header header = new Header("get", "ConnectionCandidates", "1.0", OffsetDateTime.parse("2026-11-27T10:15:30+08:00"),
                "MarketingMIS", "gridhub.replies.mis", "m-1", "c-1", "cm01", "鄂尔多斯供电公司", "供电方案",
                List.of(new Header.Property("caseNo", "YK2026001")));
        MessageEnvelope request = MessageEnvelope.request(header,
                "<Site xmlns=\"urn:x\"><Lon>109.78</Lon><Lat>39.61</Lat></Site>", "<Note xmlns=\"urn:x\">康巴什</Note>");
        String xml = codec.write(request);
        assertThat(xml).contains("<RequestMessage xmlns=\"http://iec.ch/TC57/2011/schema/message\">");
        MessageEnvelope read = codec.read(xml);
        assertThat(read.kind()).isEqualTo(MessageEnvelope.Kind.REQUEST);
        assertThat(read.header()).isEqualTo(header);
        assertThat(read.header().property("caseNo")).isEqualTo("YK2026001");
        assertThat(read.requestXml()).contains("<Lon>109.78</Lon>").contains("urn:x");
        assertThat(read.payloadXml()).contains("康巴什");
    }

    @Test
    void aResponseCarriesResultAndErrors() {
        MessageEnvelope response = MessageEnvelope.response(Header.of("reply", "GridSummary"),
                new Reply(Reply.Result.PARTIAL, List.of(new Reply.Error("MISSING_LOAD", Reply.Level.WARNING, "DT-1 has no load"))),
                null);
        MessageEnvelope read = codec.read(codec.write(response));
        assertThat(read.reply()).isEqualTo(response.reply());
    }

    @Test
    void readsMessagesFromOtherSystemsWithPrefixesAndWhitespace() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <msg:RequestMessage xmlns:msg="http://iec.ch/TC57/2011/schema/message">
                  <msg:Header>
                    <msg:Verb> get </msg:Verb>
                    <msg:Noun>GridSummary</msg:Noun>
                    <msg:MessageID>abc</msg:MessageID>
                  </msg:Header>
                </msg:RequestMessage>
                """;
        MessageEnvelope read = codec.read(xml);
        assertThat(read.header().verb()).isEqualTo("get");
        assertThat(read.header().messageId()).isEqualTo("abc");
        assertThat(read.requestXml()).isNull();
    }

    @Test
    void saysWhatIsWrongWithABadMessage() {
        assertThatThrownBy(() -> codec.read("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.read("<RequestMessage>")).hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> codec.read("<RequestMessage/>")).hasMessageContaining("namespace");
        String ns = "xmlns=\"" + Iec61968Codec.NS + "\"";
        assertThatThrownBy(() -> codec.read("<RequestMessage " + ns + "/>")).hasMessageContaining("Header is missing");
        assertThatThrownBy(() -> codec.read("<RequestMessage " + ns + "><Header><Noun>X</Noun></Header></RequestMessage>"))
                .hasMessageContaining("Verb is missing");
        assertThatThrownBy(() -> codec.read("<RequestMessage " + ns + "><Header><Verb>fetch</Verb><Noun>X</Noun></Header></RequestMessage>"))
                .hasMessageContaining("'fetch'");
        assertThatThrownBy(() -> codec.read("<ResponseMessage " + ns + "><Header><Verb>reply</Verb><Noun>X</Noun></Header></ResponseMessage>"))
                .hasMessageContaining("without Reply");
    }

    @Test
    void refusesDoctypesSoNoExternalEntityIsRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<RequestMessage xmlns=\"" + Iec61968Codec.NS + "\"><Header><Verb>get</Verb><Noun>&x;</Noun></Header></RequestMessage>";
        assertThatThrownBy(() -> codec.read(xxe)).isInstanceOf(InvalidMessageException.class);
    }
}

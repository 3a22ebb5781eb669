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

    @Test
    void theStreamingAndTheTreeReaderGiveTheSameEnvelope() {
        String ns = Iec61968Codec.NS;
        List<String> messages = List.of(
                codec.write(MessageEnvelope.request(Header.of("create", "ConnectionApplication"),
                        "<ID xmlns=\"urn:x\">1</ID><ID xmlns=\"urn:x\">2</ID>",
                        "<ConnectionApplication xmlns=\"urn:gridhub:cases:1\"><caseNo>YK&amp;1</caseNo><note>a &lt; b</note></ConnectionApplication>")),
                codec.write(MessageEnvelope.response(Header.of("reply", "X"),
                        new Reply(Reply.Result.FAILED, List.of(new Reply.Error("E1", Reply.Level.FATAL, "field 'a'"))), null)),
                """
                <?xml version="1.0"?>
                <!-- from another system -->
                <m:EventMessage xmlns:m="%s" xmlns:ca="urn:gridhub:cases:1">
                  <m:Header><m:Verb>created</m:Verb><m:Noun>SupplyPlan</m:Noun>
                    <m:User><m:UserID>u1</m:UserID></m:User>
                    <m:Property><m:Name>a</m:Name><m:Value> v </m:Value></m:Property>
                    <m:Property><m:Name>b</m:Name></m:Property>
                    <m:AsyncReplyFlag>false</m:AsyncReplyFlag>
                  </m:Header>
                  <m:Payload>
                    <ca:SupplyPlan id="p&quot;1"><ca:planId>P-1</ca:planId><!-- note --><ca:x/></ca:SupplyPlan>
                  </m:Payload>
                </m:EventMessage>
                """.formatted(ns),
                "<RequestMessage xmlns=\"" + ns + "\"><Header><Verb>get</Verb><Noun>N</Noun></Header><Payload>  plain text  </Payload></RequestMessage>");
        for (String xml : messages) {
            MessageEnvelope streamed = codec.readStreaming(xml);
            assertThat(streamed).as(xml).isNotNull();
            MessageEnvelope tree = codec.readDom(xml);
            assertThat(streamed.kind()).isEqualTo(tree.kind());
            assertThat(streamed.header()).isEqualTo(tree.header());
            assertThat(streamed.reply()).isEqualTo(tree.reply());
            assertThat(sameXml(streamed.requestXml(), tree.requestXml())).as(xml).isTrue();
            assertThat(sameXml(streamed.payloadXml(), tree.payloadXml())).as(xml).isTrue();
        }
    }

    @Test
    void aPayloadThatUsedTheEnvelopesPrefixStillParsesAlone() {
        String xml = "<m:EventMessage xmlns:m=\"" + Iec61968Codec.NS + "\" xmlns:ca=\"urn:gridhub:cases:1\">"
                + "<m:Header><m:Verb>created</m:Verb><m:Noun>SupplyPlan</m:Noun></m:Header>"
                + "<m:Payload><ca:SupplyPlan><ca:planId>P-1</ca:planId></ca:SupplyPlan></m:Payload></m:EventMessage>";
        String payload = codec.read(xml).payloadXml();
        assertThat(payload).isEqualTo("<ca:SupplyPlan xmlns:ca=\"urn:gridhub:cases:1\"><ca:planId>P-1</ca:planId></ca:SupplyPlan>");
    }

    @Test
    void aPayloadInNoNamespaceStaysInNoNamespaceInsideTheEnvelope() {
        String xml = codec.write(MessageEnvelope.event(Header.of("created", "X"), "<Plain><a>1</a></Plain>"));
        assertThat(xml).contains("<Payload><Plain xmlns=\"\"><a>1</a></Plain></Payload>");
        assertThat(codec.read(xml).payloadXml()).isEqualTo("<Plain><a>1</a></Plain>");
    }

    @Test
    void aControlCharacterInAFieldDoesNotMakeTheMessageUnreadable() {
        Header header = new Header("created", "X", null, null, "src\u0001", null, "m-1", null, null, null,
                "a\r\nb & <c>", List.of());
        MessageEnvelope read = codec.read(codec.write(MessageEnvelope.event(header, null)));
        assertThat(read.header().source()).isEqualTo("src\uFFFD");
        assertThat(read.header().comment()).isEqualTo("a\r\nb & <c>");
    }

    @Test
    void aFragmentThatIsNotWellFormedIsRefusedWhenWritten() {
        assertThatThrownBy(() -> codec.write(MessageEnvelope.event(Header.of("created", "X"), "<a><b></a>")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("not well-formed");
    }

    /** Whether two fragments hold the same elements, namespaces and text (whitespace between elements aside). */
    private static boolean sameXml(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        try {
            var one = io.gridhub.api.SafeXml.parse("<f>" + a + "</f>");
            var two = io.gridhub.api.SafeXml.parse("<f>" + b + "</f>");
            one.normalizeDocument();
            two.normalizeDocument();
            strip(one.getDocumentElement());
            strip(two.getDocumentElement());
            return one.getDocumentElement().isEqualNode(two.getDocumentElement());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void strip(org.w3c.dom.Node n) {
        for (org.w3c.dom.Node c = n.getFirstChild(); c != null; ) {
            org.w3c.dom.Node next = c.getNextSibling();
            if (c.getNodeType() == org.w3c.dom.Node.COMMENT_NODE
                    || c.getNodeType() == org.w3c.dom.Node.TEXT_NODE && c.getTextContent().isBlank()) {
                n.removeChild(c);
            } else if (c.getNodeType() == org.w3c.dom.Node.ELEMENT_NODE) {
                strip(c);
                org.w3c.dom.NamedNodeMap attrs = c.getAttributes();
                for (int i = attrs.getLength() - 1; i >= 0; i--) {
                    if ("http://www.w3.org/2000/xmlns/".equals(attrs.item(i).getNamespaceURI())) {
                        ((org.w3c.dom.Element) c).removeAttributeNode((org.w3c.dom.Attr) attrs.item(i));
                    }
                }
            }
            c = next;
        }
    }
}

package io.gridhub.messaging.iec61968;

import io.gridhub.api.SafeXml;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads and writes IEC 61968-100 messages, in XML and in JSON ({@link Iec61968Json}). XML parsing is namespace-aware and refuses DOCTYPEs
 * (no external entities from another system's XML); anything that is not a valid envelope raises
 * {@link InvalidMessageException} with a message that says what is missing.
 */
public final class Iec61968Codec {

    /** The message namespace of IEC 61968-100:2013. */
    public static final String NS = "http://iec.ch/TC57/2011/schema/message";

    private final Iec61968Json json = new Iec61968Json();

    /** The two forms of IEC 61968-100 messages: XML (normative) and JSON (same header fields). */
    public enum Form { XML, JSON }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a message in either form: the JSON form when the text starts with '{', else XML.
     *
     * @throws InvalidMessageException when it is not a valid envelope, saying what is wrong
     */
    public MessageEnvelope read(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidMessageException("empty message");
        }
        return formOf(text) == Form.JSON ? json.read(text) : readXml(text);
    }

    /** The form a message text is in, from its first character (a byte-order mark and blanks skipped). */
    public static Form formOf(String text) {
        for (int i = 0; text != null && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFEFF' || Character.isWhitespace(c)) {
                continue;
            }
            return c == '{' ? Form.JSON : Form.XML;
        }
        return Form.XML;
    }

    private MessageEnvelope readXml(String xml) {
        MessageEnvelope streamed = readStreaming(xml);
        return streamed != null ? streamed : readDom(xml);
    }

    /**
     * Reads a well-formed envelope in one pass, or returns null: then {@link #readDom} reads it and
     * says what is wrong. Both give the same envelope for a valid message; this one builds no tree
     * and copies Request and Payload with {@link XmlStream} (namespace-repaired, so a fragment that
     * used the envelope's declarations still parses alone).
     */
    MessageEnvelope readStreaming(String xml) {
        XMLStreamReader r = null;
        try {
            r = SafeXml.input().createXMLStreamReader(new StringReader(xml));
            int event = r.next();
            while (event != XMLStreamConstants.START_ELEMENT) {
                if (event == XMLStreamConstants.DTD) {
                    return null;
                }
                event = r.next();
            }
            if (!NS.equals(r.getNamespaceURI())) {
                return null;
            }
            MessageEnvelope.Kind kind = switch (r.getLocalName()) {
                case "RequestMessage" -> MessageEnvelope.Kind.REQUEST;
                case "ResponseMessage" -> MessageEnvelope.Kind.RESPONSE;
                case "EventMessage" -> MessageEnvelope.Kind.EVENT;
                default -> null;
            };
            if (kind == null) {
                return null;
            }
            Header header = null;
            String request = null;
            String payload = null;
            Reply reply = null;
            boolean sawHeader = false;
            boolean sawRequest = false;
            boolean sawReply = false;
            boolean sawPayload = false;
            for (event = r.nextTag(); event == XMLStreamConstants.START_ELEMENT; event = nextTagOrEnd(r)) {
                String name = envelopeName(r);
                if ("Header".equals(name) && !sawHeader) {
                    sawHeader = true;
                    header = readHeader(r);
                } else if ("Request".equals(name) && !sawRequest) {
                    sawRequest = true;
                    request = innerXml(r);
                } else if ("Reply".equals(name) && !sawReply) {
                    sawReply = true;
                    reply = readReply(r);
                } else if ("Payload".equals(name) && !sawPayload) {
                    sawPayload = true;
                    payload = innerXml(r);
                } else {
                    skip(r);
                }
            }
            while (r.hasNext()) {
                r.next(); // what follows the root must be well-formed too
            }
            if (header == null || kind == MessageEnvelope.Kind.RESPONSE && reply == null) {
                return null;
            }
            return new MessageEnvelope(kind, header, request, reply, payload);
        } catch (XMLStreamException | RuntimeException e) {
            return null;
        } finally {
            closeQuietly(r);
        }
    }

    private Header readHeader(XMLStreamReader r) throws XMLStreamException {
        Map<String, String> fields = new HashMap<>();
        String userId = null;
        String organization = null;
        boolean sawUser = false;
        List<Header.Property> properties = new ArrayList<>();
        for (int event = nextTagOrEnd(r); event == XMLStreamConstants.START_ELEMENT; event = nextTagOrEnd(r)) {
            String name = envelopeName(r);
            if ("User".equals(name) && !sawUser) {
                sawUser = true;
                Map<String, String> user = fieldsOf(r);
                userId = user.get("UserID");
                organization = user.get("Organization");
            } else if ("Property".equals(name)) {
                Map<String, String> p = fieldsOf(r);
                properties.add(property(p.get("Name"), p.get("Value")));
            } else if (name != null && !"User".equals(name) && !fields.containsKey(name)) {
                fields.put(name, elementText(r));
            } else {
                skip(r);
            }
        }
        return header(fields.get("Verb"), fields.get("Noun"), fields.get("Revision"), fields.get("Timestamp"),
                fields.get("Source"), fields.get("ReplyAddress"), fields.get("MessageID"), fields.get("CorrelationID"),
                userId, organization, fields.get("Comment"), properties);
    }

    private Reply readReply(XMLStreamReader r) throws XMLStreamException {
        String result = null;
        boolean sawResult = false;
        List<Reply.Error> errors = new ArrayList<>();
        for (int event = nextTagOrEnd(r); event == XMLStreamConstants.START_ELEMENT; event = nextTagOrEnd(r)) {
            String name = envelopeName(r);
            if ("Result".equals(name) && !sawResult) {
                sawResult = true;
                result = elementText(r);
            } else if ("Error".equals(name)) {
                Map<String, String> e = fieldsOf(r);
                errors.add(error(e.get("code"), e.get("level"), e.get("details")));
            } else {
                skip(r);
            }
        }
        return reply(result, errors);
    }

    /** The text of the first child of each name of the element the reader is at (its START_ELEMENT). */
    private Map<String, String> fieldsOf(XMLStreamReader r) throws XMLStreamException {
        Map<String, String> fields = new HashMap<>();
        for (int event = nextTagOrEnd(r); event == XMLStreamConstants.START_ELEMENT; event = nextTagOrEnd(r)) {
            String name = envelopeName(r);
            if (name != null && !fields.containsKey(name)) {
                fields.put(name, elementText(r));
            } else {
                skip(r);
            }
        }
        return fields;
    }

    /** The local name of an element in the message namespace (or none), else null. */
    private static String envelopeName(XMLStreamReader r) {
        String ns = r.getNamespaceURI();
        return ns == null || ns.isEmpty() || NS.equals(ns) ? r.getLocalName() : null;
    }

    /**
     * The stripped text of a text-only element, null when empty, as {@code getTextContent} gives it.
     *
     * @throws IllegalStateException when it holds elements (then the tree reader decides)
     */
    private static String elementText(XMLStreamReader r) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        for (int event = r.next(); event != XMLStreamConstants.END_ELEMENT; event = r.next()) {
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(r.getText());
                case XMLStreamConstants.START_ELEMENT -> throw new IllegalStateException("element in a text field");
                default -> {
                }
            }
        }
        String t = text.toString().strip();
        return t.isEmpty() ? null : t;
    }

    /**
     * The content of the Request or Payload element the reader is at, as {@link #innerXml(Element)}
     * gives it: child elements copied, text between them stripped.
     */
    private static String innerXml(XMLStreamReader r) throws XMLStreamException {
        StringBuilder out = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int event = r.next(); event != XMLStreamConstants.END_ELEMENT; event = r.next()) {
            switch (event) {
                // as the tree reader: text nodes between elements, not CDATA sections
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> text.append(r.getText());
                case XMLStreamConstants.START_ELEMENT -> {
                    out.append(text.toString().strip());
                    text.setLength(0);
                    XmlStream.copyElement(r, out, new XmlStream.Bindings(""));
                }
                default -> {
                }
            }
        }
        return out.append(text.toString().strip()).toString();
    }

    /** Skips the element the reader is at (its START_ELEMENT), leaving the reader at its END_ELEMENT. */
    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (++depth > SafeXml.MAX_ELEMENT_DEPTH) {
                    throw new IllegalStateException("too deep");
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** The next START_ELEMENT or END_ELEMENT, skipping text, comments and processing instructions. */
    private static int nextTagOrEnd(XMLStreamReader r) throws XMLStreamException {
        int event = r.next();
        while (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
            event = r.next();
        }
        return event;
    }

    private static void closeQuietly(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing held
            }
        }
    }

    MessageEnvelope readDom(String xml) {
        Document doc = parse(xml, "message");
        Element root = doc.getDocumentElement();
        if (!NS.equals(root.getNamespaceURI())) {
            throw new InvalidMessageException("root element must be in namespace " + NS + ", found "
                    + (root.getNamespaceURI() == null ? "no namespace" : root.getNamespaceURI()));
        }
        MessageEnvelope.Kind kind = switch (root.getLocalName()) {
            case "RequestMessage" -> MessageEnvelope.Kind.REQUEST;
            case "ResponseMessage" -> MessageEnvelope.Kind.RESPONSE;
            case "EventMessage" -> MessageEnvelope.Kind.EVENT;
            default -> throw new InvalidMessageException("unknown message element " + root.getLocalName()
                    + " (expected RequestMessage, ResponseMessage or EventMessage)");
        };
        Element headerEl = child(root, "Header");
        if (headerEl == null) {
            throw new InvalidMessageException("Header is missing");
        }
        Header header = readHeader(headerEl);
        Element request = child(root, "Request");
        Element replyEl = child(root, "Reply");
        Element payload = child(root, "Payload");
        Reply reply = replyEl == null ? null : readReply(replyEl);
        if (kind == MessageEnvelope.Kind.RESPONSE && reply == null) {
            throw new InvalidMessageException("ResponseMessage without Reply");
        }
        return new MessageEnvelope(kind, header, innerXml(request), reply, innerXml(payload));
    }

    private Header readHeader(Element h) {
        Element user = child(h, "User");
        List<Header.Property> properties = new ArrayList<>();
        for (Element p : children(h, "Property")) {
            properties.add(property(text(p, "Name"), text(p, "Value")));
        }
        return header(text(h, "Verb"), text(h, "Noun"), text(h, "Revision"), text(h, "Timestamp"), text(h, "Source"),
                text(h, "ReplyAddress"), text(h, "MessageID"), text(h, "CorrelationID"),
                user == null ? null : text(user, "UserID"), user == null ? null : text(user, "Organization"),
                text(h, "Comment"), properties);
    }

    /** A header from its fields as read from either form, checked the same way for both. */
    static Header header(String verb, String noun, String revision, String ts, String source, String replyAddress,
            String messageId, String correlationId, String userId, String organization, String comment,
            List<Header.Property> properties) {
        if (verb == null) {
            throw new InvalidMessageException("Header/Verb is missing");
        }
        if (!Header.VERBS.contains(verb)) {
            throw new InvalidMessageException("Header/Verb '" + verb + "' is not an IEC 61968-100 verb " + Header.VERBS);
        }
        if (noun == null) {
            throw new InvalidMessageException("Header/Noun is missing");
        }
        OffsetDateTime timestamp = null;
        if (ts != null) {
            try {
                timestamp = OffsetDateTime.parse(ts);
            } catch (DateTimeParseException e) {
                throw new InvalidMessageException("Header/Timestamp '" + ts + "' is not an ISO 8601 date-time");
            }
        }
        return new Header(verb, noun, revision, timestamp, source, replyAddress, messageId, correlationId, userId,
                organization, comment, properties);
    }

    static Header.Property property(String name, String value) {
        if (name == null) {
            throw new InvalidMessageException("Header/Property without Name");
        }
        return new Header.Property(name, value);
    }

    private Reply readReply(Element r) {
        List<Reply.Error> errors = new ArrayList<>();
        for (Element e : children(r, "Error")) {
            errors.add(error(text(e, "code"), text(e, "level"), text(e, "details")));
        }
        return reply(text(r, "Result"), errors);
    }

    static Reply reply(String result, List<Reply.Error> errors) {
        if (result == null) {
            throw new InvalidMessageException("Reply/Result is missing");
        }
        try {
            return new Reply(Reply.Result.valueOf(result), errors);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("Reply/Result '" + result + "' is not OK, PARTIAL or FAILED");
        }
    }

    static Reply.Error error(String code, String level, String details) {
        Reply.Level lvl = Reply.Level.FATAL;
        if (level != null) {
            try {
                lvl = Reply.Level.valueOf(level);
            } catch (IllegalArgumentException ex) {
                throw new InvalidMessageException("Reply/Error/level '" + level + "' is unknown");
            }
        }
        return new Reply.Error(code, lvl, details);
    }

    // ---------------------------------------------------------------- writing

    /** Writes the message in the form it came in: JSON when it carries a JSON payload, else XML. */
    public String write(MessageEnvelope message) {
        return write(message, message.json() ? Form.JSON : Form.XML);
    }

    /** Writes the message in the given form. */
    public String write(MessageEnvelope message, Form form) {
        return form == Form.JSON ? json.write(message) : writeXml(message);
    }

    private String writeXml(MessageEnvelope message) {
        StringBuilder out = new StringBuilder(1024);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        String root = message.kind().element();
        out.append('<').append(root).append(" xmlns=\"").append(NS).append("\">");
        Header h = message.header();
        out.append("<Header>");
        text(out, "Verb", h.verb());
        text(out, "Noun", h.noun());
        text(out, "Revision", h.revision());
        text(out, "Timestamp", h.timestamp() == null ? null : h.timestamp().toString());
        text(out, "Source", h.source());
        text(out, "ReplyAddress", h.replyAddress());
        if (h.userId() != null) {
            out.append("<User>");
            text(out, "UserID", h.userId());
            text(out, "Organization", h.organization());
            out.append("</User>");
        }
        text(out, "MessageID", h.messageId());
        text(out, "CorrelationID", h.correlationId());
        text(out, "Comment", h.comment());
        for (Header.Property p : h.properties()) {
            out.append("<Property>");
            text(out, "Name", p.name());
            text(out, "Value", p.value());
            out.append("</Property>");
        }
        out.append("</Header>");
        if (message.requestXml() != null) {
            fragment(out, "Request", message.requestXml());
        }
        if (message.reply() != null) {
            out.append("<Reply>");
            text(out, "Result", message.reply().result().name());
            for (Reply.Error e : message.reply().errors()) {
                out.append("<Error>");
                text(out, "code", e.code());
                text(out, "level", e.level().name());
                text(out, "details", e.details());
                out.append("</Error>");
            }
            out.append("</Reply>");
        }
        if (message.payloadXml() != null) {
            fragment(out, "Payload", message.payloadXml());
        }
        return out.append("</").append(root).append('>').toString();
    }

    private static void text(StringBuilder out, String element, String value) {
        if (value != null) {
            out.append('<').append(element).append('>');
            XmlStream.escapeText(out, value);
            out.append("</").append(element).append('>');
        }
    }

    private static void fragment(StringBuilder out, String element, String xml) {
        out.append('<').append(element).append('>');
        if (!xml.isBlank()) {
            XmlStream.appendFragment(out, xml, NS);
        }
        out.append("</").append(element).append('>');
    }

    // ---------------------------------------------------------------- DOM helpers

    private Document parse(String xml, String what) {
        try {
            return SafeXml.parse(xml);
        } catch (SAXException e) {
            throw new InvalidMessageException(what + " is not well-formed XML: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new InvalidMessageException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private String innerXml(Element element) {
        if (element == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n.getNodeType() == Node.TEXT_NODE) {
                out.append(n.getTextContent().strip());
            } else if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.append(serialize(n, false));
            }
        }
        return out.toString();
    }

    private String serialize(Node node, boolean declaration) {
        try {
            Transformer t = SafeXml.transformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, declaration ? "no" : "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }

    private static Element child(Element parent, String localName) {
        List<Element> all = children(parent, localName);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())
                    && (e.getNamespaceURI() == null || NS.equals(e.getNamespaceURI()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().strip();
        return t.isEmpty() ? null : t;
    }
}

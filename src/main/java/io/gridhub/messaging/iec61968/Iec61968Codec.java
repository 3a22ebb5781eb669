package io.gridhub.messaging.iec61968;

import io.gridhub.api.SafeXml;

import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
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
        Document doc = newDocument();
        Element root = doc.createElementNS(NS, message.kind().element());
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", NS);
        doc.appendChild(root);
        Header h = message.header();
        Element header = add(root, "Header");
        addText(header, "Verb", h.verb());
        addText(header, "Noun", h.noun());
        addText(header, "Revision", h.revision());
        addText(header, "Timestamp", h.timestamp() == null ? null : h.timestamp().toString());
        addText(header, "Source", h.source());
        addText(header, "ReplyAddress", h.replyAddress());
        if (h.userId() != null) {
            Element user = add(header, "User");
            addText(user, "UserID", h.userId());
            addText(user, "Organization", h.organization());
        }
        addText(header, "MessageID", h.messageId());
        addText(header, "CorrelationID", h.correlationId());
        addText(header, "Comment", h.comment());
        for (Header.Property p : h.properties()) {
            Element prop = add(header, "Property");
            addText(prop, "Name", p.name());
            addText(prop, "Value", p.value());
        }
        if (message.requestXml() != null) {
            appendFragment(add(root, "Request"), message.requestXml());
        }
        if (message.reply() != null) {
            Element reply = add(root, "Reply");
            addText(reply, "Result", message.reply().result().name());
            for (Reply.Error e : message.reply().errors()) {
                Element error = add(reply, "Error");
                addText(error, "code", e.code());
                addText(error, "level", e.level().name());
                addText(error, "details", e.details());
            }
        }
        if (message.payloadXml() != null) {
            appendFragment(add(root, "Payload"), message.payloadXml());
        }
        return serialize(doc, true);
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

    private Document newDocument() {
        return SafeXml.newDocument();
    }

    private void appendFragment(Element parent, String fragment) {
        if (fragment.isBlank()) {
            return;
        }
        Document wrapper = parse("<fragment>" + fragment + "</fragment>", "payload fragment");
        NodeList nodes = wrapper.getDocumentElement().getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            parent.appendChild(parent.getOwnerDocument().importNode(nodes.item(i), true));
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

    private static Element add(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElementNS(NS, name);
        parent.appendChild(e);
        return e;
    }

    private static void addText(Element parent, String name, String value) {
        if (value != null) {
            add(parent, name).setTextContent(value);
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

package io.gridhub.messaging.iec61968;

import io.gridhub.api.SafeXml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streaming XML for the envelope codec: escaping, and copying elements from a StAX reader into
 * text so that the copy means the same where it lands. Every message of the MIS path is read once
 * and written once per event; building a DOM, importing fragments into it and running an identity
 * transformer cost a quarter of a request consumer's CPU at 50 cases/s, this a small part of that.
 *
 * <p>Copies are <em>namespace-repairing</em>: an element or prefixed attribute whose namespace is not
 * bound the same way in the copy's context gets the declaration it needs (an unprefixed element in
 * no namespace placed under a default namespace gets {@code xmlns=""}), so a fragment that relied on
 * declarations of an envelope it came from still parses alone, and one placed into an envelope does
 * not fall into the envelope's namespace. Comments and processing instructions are not copied.
 */
final class XmlStream {

    private XmlStream() {
    }

    /** Namespace bindings in scope while copying: a stack of (prefix, uri) with a mark per element. */
    static final class Bindings {
        private final List<String> prefixes = new ArrayList<>();
        private final List<String> uris = new ArrayList<>();
        private final List<Integer> marks = new ArrayList<>();

        /** Bindings with the default namespace bound to {@code defaultNs} ("" for none). */
        Bindings(String defaultNs) {
            bind("", defaultNs);
        }

        /** The namespace a prefix ("" for the default) is bound to, or null when unbound. */
        String lookup(String prefix) {
            for (int i = prefixes.size() - 1; i >= 0; i--) {
                if (prefixes.get(i).equals(prefix)) {
                    return uris.get(i);
                }
            }
            return prefix.isEmpty() ? "" : null;
        }

        void bind(String prefix, String uri) {
            prefixes.add(prefix);
            uris.add(uri);
        }

        void open() {
            marks.add(prefixes.size());
        }

        void close() {
            int mark = marks.remove(marks.size() - 1);
            while (prefixes.size() > mark) {
                prefixes.remove(prefixes.size() - 1);
                uris.remove(uris.size() - 1);
            }
        }
    }

    /**
     * Copies the element the reader is at (its START_ELEMENT) with all it contains, leaving the reader
     * at its END_ELEMENT.
     *
     * @throws InvalidMessageException when it nests deeper than {@link SafeXml#MAX_ELEMENT_DEPTH}
     */
    static void copyElement(XMLStreamReader r, StringBuilder out, Bindings scope) throws XMLStreamException {
        int depth = 0;
        int event = r.getEventType();
        while (true) {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++depth > SafeXml.MAX_ELEMENT_DEPTH) {
                        throw new InvalidMessageException("XML nests deeper than " + SafeXml.MAX_ELEMENT_DEPTH + " elements");
                    }
                    startTag(r, out, scope);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    out.append("</");
                    qname(out, r.getPrefix(), r.getLocalName());
                    out.append('>');
                    scope.close();
                    if (--depth == 0) {
                        return;
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        escapeText(out, r.getText());
                default -> {
                    // comments, processing instructions: not copied
                }
            }
            event = r.next();
        }
    }

    private static void startTag(XMLStreamReader r, StringBuilder out, Bindings scope) {
        scope.open();
        out.append('<');
        qname(out, r.getPrefix(), r.getLocalName());
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            declare(out, scope, nonNull(r.getNamespacePrefix(i)), nonNull(r.getNamespaceURI(i)));
        }
        declare(out, scope, nonNull(r.getPrefix()), nonNull(r.getNamespaceURI()));
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String prefix = nonNull(r.getAttributePrefix(i));
            if (!prefix.isEmpty()) {
                declare(out, scope, prefix, nonNull(r.getAttributeNamespace(i)));
            }
        }
        for (int i = 0; i < r.getAttributeCount(); i++) {
            out.append(' ');
            qname(out, r.getAttributePrefix(i), r.getAttributeLocalName(i));
            out.append("=\"");
            escapeAttribute(out, r.getAttributeValue(i));
            out.append('"');
        }
        out.append('>');
    }

    /** Declares prefix → uri on the element being written unless the scope already binds it so. */
    private static void declare(StringBuilder out, Bindings scope, String prefix, String uri) {
        if (XMLConstants.XML_NS_PREFIX.equals(prefix) || uri.equals(scope.lookup(prefix))) {
            return;
        }
        out.append(prefix.isEmpty() ? " xmlns" : " xmlns:").append(prefix).append("=\"");
        escapeAttribute(out, uri);
        out.append('"');
        scope.bind(prefix, uri);
    }

    /**
     * Appends the content of an XML fragment (elements and text, as held in a message's Request or
     * Payload) where the default namespace is {@code defaultNs}.
     *
     * @throws InvalidMessageException when the fragment is not well-formed
     */
    static void appendFragment(StringBuilder out, String fragment, String defaultNs) {
        try {
            XMLStreamReader r = SafeXml.input().createXMLStreamReader(new StringReader("<fragment>" + fragment + "</fragment>"));
            try {
                r.nextTag();
                Bindings scope = new Bindings(defaultNs);
                for (int event = r.next(); event != XMLStreamConstants.END_ELEMENT; event = r.next()) {
                    switch (event) {
                        case XMLStreamConstants.START_ELEMENT -> copyElement(r, out, scope);
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                                escapeText(out, r.getText());
                        default -> {
                        }
                    }
                }
                while (r.hasNext()) {
                    r.next(); // the rest must be well-formed too
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new InvalidMessageException("payload fragment is not well-formed XML: " + e.getMessage(), e);
        }
    }

    static void qname(StringBuilder out, String prefix, String local) {
        if (prefix != null && !prefix.isEmpty()) {
            out.append(prefix).append(':');
        }
        out.append(local);
    }

    /**
     * Element text, escaped; a character XML 1.0 does not allow (a control character from some
     * field) becomes U+FFFD rather than making the whole message unreadable.
     */
    static void escapeText(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                default -> i = appendChecked(out, s, i, c);
            }
        }
    }

    static void escapeAttribute(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append("&#10;");
                case '\t' -> out.append("&#9;");
                default -> i = appendChecked(out, s, i, c);
            }
        }
    }

    /** Appends c (and its low surrogate) when XML 1.0 allows it, else U+FFFD; returns the last index used. */
    private static int appendChecked(StringBuilder out, String s, int i, char c) {
        if (c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c >= 0xE000 && c <= 0xFFFD) {
            out.append(c);
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(i + 1));
            return i + 1;
        }
        out.append('\uFFFD');
        return i;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}

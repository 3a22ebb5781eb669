package io.gridhub.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;

import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * XML parsing for text from other systems, configured once: namespace aware, no DOCTYPE, no
 * external entities, secure processing, and at most {@value #MAX_ELEMENT_DEPTH} elements deep (no
 * message the hub reads nests a tenth of that; a document 5,000 deep parsed, then overflowed the
 * stack of whoever walked or serialised the tree). {@code DocumentBuilderFactory.newInstance()} looks its
 * implementation up through the service loader, which in the packaged jar scans nested jars on
 * every call: a fifth of the time of a MIS request went there. The factory is built once; each
 * thread keeps its own builder (builders are not thread-safe), reset before each use.
 */
public final class SafeXml {

    /** The deepest element nesting accepted; deeper documents fail to parse, saying so. */
    public static final int MAX_ELEMENT_DEPTH = 200;

    private static final DocumentBuilderFactory FACTORY = factory();
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(() -> {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final XMLInputFactory INPUT = inputFactory();
    private static final javax.xml.transform.TransformerFactory TRANSFORMER_FACTORY = transformerFactory();
    private static final ThreadLocal<javax.xml.transform.Transformer> TRANSFORMERS = ThreadLocal.withInitial(() -> {
        try {
            return TRANSFORMER_FACTORY.newTransformer();
        } catch (javax.xml.transform.TransformerConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    private SafeXml() {
    }

    /** Parses a whole document from text. */
    public static Document parse(String xml) throws SAXException, IOException {
        return builder().parse(new InputSource(new StringReader(xml)));
    }

    /** Parses a whole document from a stream (the caller closes it). */
    public static Document parse(InputStream xml) throws SAXException, IOException {
        return builder().parse(xml);
    }

    /** A new empty document (for writing). */
    public static Document newDocument() {
        return BUILDERS.get().newDocument();
    }

    /**
     * This thread's identity transformer (DOM to text), reset, external DTDs and stylesheets refused;
     * the caller sets its output properties. Creating one per message cost more than the transform.
     */
    public static javax.xml.transform.Transformer transformer() {
        javax.xml.transform.Transformer t = TRANSFORMERS.get();
        t.reset();
        return t;
    }

    /**
     * The shared StAX input factory: the JDK's own (not whatever a jar on the class path registers),
     * namespace aware, no DTDs, no external entities. Thread-safe once configured; never reconfigured.
     * It does not limit nesting: who walks what it reads counts the depth ({@link #MAX_ELEMENT_DEPTH}).
     */
    public static XMLInputFactory input() {
        return INPUT;
    }

    /** The shared StAX output factory (thread-safe once configured; it is never reconfigured). */
    public static XMLOutputFactory output() {
        return OUTPUT;
    }

    private static DocumentBuilder builder() {
        DocumentBuilder b = BUILDERS.get();
        b.reset();
        b.setErrorHandler(null); // errors are thrown, not also printed to stderr
        return b;
    }

    private static javax.xml.transform.TransformerFactory transformerFactory() {
        javax.xml.transform.TransformerFactory f = javax.xml.transform.TransformerFactory.newInstance();
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return f;
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser lacks secure processing", e);
        }
        return f;
    }
}

package io.gridhub.cases;

import java.io.StringReader;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridhub.api.InvalidFieldException;
import io.gridhub.api.SafeXml;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Reads the {@code ConnectionApplication} payload (namespace {@value PayloadXml#NS}) of a MIS
 * request, in the XML form or the JSON form (same field names), into the application, its revision
 * and the reason of a cancel or close. Anything wrong is an {@link InvalidFieldException} naming the
 * field, which the MIS gets as a FAILED reply.
 */
final class ApplicationPayload {

    /**
     * What a request says.
     *
     * @param caseNo the case
     * @param revision the MIS revision of the application (1, 2, …): changes apply in revision order
     * @param fields the whole application (create and change only)
     * @param reason why (cancel, close)
     * @param stage the stage the case has reached in the MIS (create and change), or null: the hub
     *        catches up to it, a stage the hub has passed already changes nothing
     */
    record Parsed(String caseNo, long revision, NewCase fields, String reason, Stage stage) {}

    private static final String ROOT = "ConnectionApplication";
    private final ObjectMapper json;
    private final Validator validator;

    ApplicationPayload(ObjectMapper json, Validator validator) {
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.validator = validator;
    }

    Parsed read(String payloadXml, String payloadJson, boolean wholeApplication) {
        ObjectNode node = payloadJson != null ? fromJson(payloadJson) : fromXml(payloadXml);
        String caseNo = text(node, "caseNo");
        if (caseNo == null || caseNo.isBlank()) {
            throw new InvalidFieldException("caseNo", "required");
        }
        String rev = text(node, "revision");
        long revision;
        try {
            revision = Long.parseLong(rev == null ? "" : rev.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("revision", "required, a whole number ≥ 1, was " + rev);
        }
        if (revision < 1) {
            throw new InvalidFieldException("revision", "must be 1 or more, was " + revision);
        }
        NewCase fields = null;
        if (wholeApplication) {
            try {
                fields = json.treeToValue(node, NewCase.class);
            } catch (JsonMappingException e) {
                String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."));
                throw new InvalidFieldException(field.isEmpty() ? ROOT : field, e.getOriginalMessage());
            } catch (JsonProcessingException e) {
                throw new InvalidFieldException(ROOT, e.getOriginalMessage());
            }
            Set<ConstraintViolation<NewCase>> violations = validator.validate(fields);
            if (!violations.isEmpty()) {
                ConstraintViolation<NewCase> first = violations.stream()
                        .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
                throw new InvalidFieldException(first.getPropertyPath().toString(), violations.stream()
                        .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
            }
        }
        String reason = text(node, "reason");
        String stageText = wholeApplication ? text(node, "stage") : null;
        Stage stage = stageText == null || stageText.isBlank() ? null : Stage.parse(stageText);
        return new Parsed(caseNo.trim(), revision, fields, reason == null ? text(node, "note") : reason, stage);
    }

    private ObjectNode fromJson(String text) {
        JsonNode n;
        try {
            n = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException(ROOT, "the payload is not JSON: " + e.getOriginalMessage());
        }
        if (n != null && n.has(ROOT)) {
            n = n.get(ROOT);
        }
        if (n == null || !n.isObject()) {
            throw new InvalidFieldException(ROOT, "the payload must be a " + ROOT + " object");
        }
        return (ObjectNode) n;
    }

    /**
     * The first element of the payload as a tree of fields: an element with child elements becomes an
     * object (its text ignored), one without becomes its trimmed text; a later element of the same
     * name replaces an earlier one. Read in one StAX pass (a DOM tree for a few hundred bytes cost
     * more than reading them).
     */
    private static ObjectNode fromXml(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new InvalidFieldException(ROOT, "the request has no " + ROOT + " payload");
        }
        try {
            XMLStreamReader r = SafeXml.input().createXMLStreamReader(new StringReader("<wrap>" + xml + "</wrap>"));
            try {
                r.nextTag();
                if (r.nextTag() != XMLStreamConstants.START_ELEMENT || !ROOT.equals(r.getLocalName())
                        || !PayloadXml.NS.equals(r.getNamespaceURI())) {
                    throw new InvalidFieldException(ROOT, "expected a " + ROOT + " element in namespace " + PayloadXml.NS);
                }
                ObjectNode app = JsonNodeFactory.instance.objectNode();
                readFields(r, app, 1);
                while (r.hasNext()) {
                    r.next(); // the rest must be well-formed too
                }
                return app;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new InvalidFieldException(ROOT, "the payload is not well-formed XML: " + e.getMessage());
        }
    }

    /** Reads the children of the element the reader is at into {@code into}; returns its trimmed text. */
    private static String readFields(XMLStreamReader r, ObjectNode into, int depth) throws XMLStreamException {
        if (depth > SafeXml.MAX_ELEMENT_DEPTH) {
            throw new InvalidFieldException(ROOT, "the payload nests deeper than " + SafeXml.MAX_ELEMENT_DEPTH + " elements");
        }
        StringBuilder text = new StringBuilder();
        for (int event = r.next(); event != XMLStreamConstants.END_ELEMENT; event = r.next()) {
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(r.getText());
                case XMLStreamConstants.START_ELEMENT -> {
                    String name = r.getLocalName();
                    ObjectNode child = JsonNodeFactory.instance.objectNode();
                    String childText = readFields(r, child, depth + 1);
                    if (child.isEmpty()) {
                        into.put(name, childText); // no child elements: a field
                    } else {
                        into.set(name, child);
                    }
                }
                default -> {
                }
            }
        }
        return text.toString().trim();
    }

    private static String text(ObjectNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

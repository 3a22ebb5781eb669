package io.gridhub.cases;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridhub.api.InvalidFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

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

    private static ObjectNode fromXml(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new InvalidFieldException(ROOT, "the request has no " + ROOT + " payload");
        }
        Element root;
        try {
            root = io.gridhub.api.SafeXml.parse("<wrap>" + xml + "</wrap>").getDocumentElement();
        } catch (Exception e) {
            throw new InvalidFieldException(ROOT, "the payload is not well-formed XML: " + e.getMessage());
        }
        Element app = null;
        for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                app = e;
                break;
            }
        }
        if (app == null || !ROOT.equals(app.getLocalName()) || !PayloadXml.NS.equals(app.getNamespaceURI())) {
            throw new InvalidFieldException(ROOT, "expected a " + ROOT + " element in namespace " + PayloadXml.NS);
        }
        return toNode(app);
    }

    private static ObjectNode toNode(Element e) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                boolean hasElements = false;
                for (Node g = child.getFirstChild(); g != null; g = g.getNextSibling()) {
                    hasElements |= g instanceof Element;
                }
                if (hasElements) {
                    out.set(child.getLocalName(), toNode(child));
                } else {
                    out.put(child.getLocalName(), child.getTextContent().trim());
                }
            }
        }
        return out;
    }

    private static String text(ObjectNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

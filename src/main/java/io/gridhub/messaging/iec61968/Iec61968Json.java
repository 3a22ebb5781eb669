package io.gridhub.messaging.iec61968;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of IEC 61968-100 messages: one root member named as the XML root element
 * ({@code RequestMessage}, {@code ResponseMessage}, {@code EventMessage}) holding {@code Header},
 * {@code Request}, {@code Reply} and {@code Payload} with the same member names as the XML elements:
 *
 * <pre>{"RequestMessage": {"Header": {"Verb": "create", "Noun": "ConnectionApplication",
 *   "MessageID": "…", "User": {"UserID": "cm01"}, "Property": [{"Name": "…", "Value": "…"}]},
 *   "Payload": {…}}}</pre>
 *
 * The Payload is kept as JSON text for the capability that owns the noun; a message without one
 * carries {@code {}}, so that it is still recognised (and answered) as JSON. Request parameters
 * have no JSON mapping in the hub: a non-empty {@code Request} is refused rather than ignored.
 */
final class Iec61968Json {

    private final ObjectMapper mapper = new ObjectMapper();

    Iec61968Json() {
        // another system's document: bounded nesting and sizes, not Jackson's generous defaults
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(4_000_000).maxNumberLength(100).build());
    }

    MessageEnvelope read(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("message is not well-formed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || root.size() != 1) {
            throw new InvalidMessageException("a JSON message is one object with one member: RequestMessage, "
                    + "ResponseMessage or EventMessage");
        }
        Map.Entry<String, JsonNode> only = root.fields().next();
        MessageEnvelope.Kind kind = switch (only.getKey()) {
            case "RequestMessage" -> MessageEnvelope.Kind.REQUEST;
            case "ResponseMessage" -> MessageEnvelope.Kind.RESPONSE;
            case "EventMessage" -> MessageEnvelope.Kind.EVENT;
            default -> throw new InvalidMessageException("unknown message member " + only.getKey()
                    + " (expected RequestMessage, ResponseMessage or EventMessage)");
        };
        JsonNode message = only.getValue();
        if (!message.isObject()) {
            throw new InvalidMessageException(only.getKey() + " must be an object");
        }
        JsonNode h = message.get("Header");
        if (h == null || !h.isObject()) {
            throw new InvalidMessageException("Header is missing");
        }
        JsonNode request = message.get("Request");
        if (request != null && !request.isNull() && !(request.isObject() && request.isEmpty())) {
            throw new InvalidMessageException("Request parameters are not read in the JSON form: put them in Payload");
        }
        JsonNode r = message.get("Reply");
        Reply reply = r == null || r.isNull() ? null : readReply(r);
        if (kind == MessageEnvelope.Kind.RESPONSE && reply == null) {
            throw new InvalidMessageException("ResponseMessage without Reply");
        }
        JsonNode payload = message.get("Payload");
        String payloadJson = payload == null || payload.isNull() ? "{}" : payload.toString();
        return new MessageEnvelope(kind, readHeader(h), null, reply, null, payloadJson);
    }

    private Header readHeader(JsonNode h) {
        JsonNode user = h.get("User");
        List<Header.Property> properties = new ArrayList<>();
        for (JsonNode p : elements(h.get("Property"), "Header/Property")) {
            properties.add(Iec61968Codec.property(text(p, "Name", "Header/Property/Name"),
                    text(p, "Value", "Header/Property/Value")));
        }
        return Iec61968Codec.header(text(h, "Verb", "Header/Verb"), text(h, "Noun", "Header/Noun"),
                text(h, "Revision", "Header/Revision"), text(h, "Timestamp", "Header/Timestamp"),
                text(h, "Source", "Header/Source"), text(h, "ReplyAddress", "Header/ReplyAddress"),
                text(h, "MessageID", "Header/MessageID"), text(h, "CorrelationID", "Header/CorrelationID"),
                user == null ? null : text(user, "UserID", "Header/User/UserID"),
                user == null ? null : text(user, "Organization", "Header/User/Organization"),
                text(h, "Comment", "Header/Comment"), properties);
    }

    private Reply readReply(JsonNode r) {
        List<Reply.Error> errors = new ArrayList<>();
        for (JsonNode e : elements(r.get("Error"), "Reply/Error")) {
            errors.add(Iec61968Codec.error(text(e, "code", "Reply/Error/code"), text(e, "level", "Reply/Error/level"),
                    text(e, "details", "Reply/Error/details")));
        }
        return Iec61968Codec.reply(text(r, "Result", "Reply/Result"), errors);
    }

    /** A member that may be one object or an array of them, as XML allows an element to repeat. */
    private static List<JsonNode> elements(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isObject()) {
            return List.of(node);
        }
        if (!node.isArray()) {
            throw new InvalidMessageException(path + " must be an object or an array of objects");
        }
        List<JsonNode> out = new ArrayList<>();
        for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
            JsonNode e = it.next();
            if (!e.isObject()) {
                throw new InvalidMessageException(path + " must be an object or an array of objects");
            }
            out.add(e);
        }
        return out;
    }

    private static String text(JsonNode parent, String name, String path) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new InvalidMessageException(path + " must be a string");
        }
        String t = v.asText().strip();
        return t.isEmpty() ? null : t;
    }

    String write(MessageEnvelope message) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode m = root.putObject(message.kind().element());
        Header h = message.header();
        ObjectNode header = m.putObject("Header");
        put(header, "Verb", h.verb());
        put(header, "Noun", h.noun());
        put(header, "Revision", h.revision());
        put(header, "Timestamp", h.timestamp() == null ? null : h.timestamp().toString());
        put(header, "Source", h.source());
        put(header, "ReplyAddress", h.replyAddress());
        if (h.userId() != null) {
            ObjectNode user = header.putObject("User");
            put(user, "UserID", h.userId());
            put(user, "Organization", h.organization());
        }
        put(header, "MessageID", h.messageId());
        put(header, "CorrelationID", h.correlationId());
        put(header, "Comment", h.comment());
        if (!h.properties().isEmpty()) {
            ArrayNode props = header.putArray("Property");
            for (Header.Property p : h.properties()) {
                ObjectNode prop = props.addObject();
                put(prop, "Name", p.name());
                put(prop, "Value", p.value());
            }
        }
        if (message.reply() != null) {
            ObjectNode reply = m.putObject("Reply");
            put(reply, "Result", message.reply().result().name());
            if (!message.reply().errors().isEmpty()) {
                ArrayNode errors = reply.putArray("Error");
                for (Reply.Error e : message.reply().errors()) {
                    ObjectNode error = errors.addObject();
                    put(error, "code", e.code());
                    put(error, "level", e.level().name());
                    put(error, "details", e.details());
                }
            }
        }
        if (message.payloadJson() != null) {
            m.set("Payload", payloadNode(message.payloadJson()));
        } else if (message.payloadXml() != null) {
            // a capability that answers in XML only: the standard's Payload/Format with the XML as text
            ObjectNode payload = m.putObject("Payload");
            payload.put("Format", "XML");
            payload.put("Content", message.payloadXml());
        }
        return root.toString();
    }

    private JsonNode payloadNode(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void put(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}

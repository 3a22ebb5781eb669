package io.gridhub.register;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.feeds.mapping.RecordRejected;
import io.gridhub.feeds.source.SourceAttributes;
import io.gridhub.feeds.source.SourceRecord;
import io.gridhub.geo.ServiceArea;
import io.gridhub.messaging.MisRequestHandler;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * IEC 61968-100 {@code created} / {@code changed} messages of the marketing MIS for one noun
 * ({@code Customer} or {@code UsagePoint}): the payload holds one or more elements of that name in
 * namespace {@value #NAMESPACE} (or, in the JSON form, {@code {"Customer": [{…}]}}), each with the
 * register's fields as child elements in camelCase ({@code customerNo}, {@code contractedKva},
 * {@code transformerRef}, {@code lon}, {@code lat}, optional {@code crs}). {@code created} needs the
 * whole record; {@code changed} names the customer and the fields that changed. The same validation
 * as the customer feeds applies; a message with one bad record changes nothing and is answered
 * FAILED naming the record and field. See docs/reconciliation.md.
 */
abstract class CustomerMessageHandler implements MisRequestHandler {

    static final String NAMESPACE = "urn:gridhub:register:1";

    private final CustomerRegister register;
    private final TransactionTemplate tx;
    private final ServiceArea serviceArea;
    private final RegisterProperties properties;
    private final ObjectMapper json = new ObjectMapper();

    CustomerMessageHandler(CustomerRegister register, TransactionTemplate tx, ServiceArea serviceArea,
                           RegisterProperties properties) {
        this.register = register;
        this.tx = tx;
        this.serviceArea = serviceArea;
        this.properties = properties;
    }

    @Override
    public boolean handles(String verb) {
        return "created".equals(verb) || "changed".equals(verb);
    }

    @Override
    public Answer handle(MessageEnvelope request) {
        boolean created = "created".equals(request.header().verb());
        List<SourceAttributes> records = request.json() ? fromJson(request.payloadJson()) : fromXml(request.payloadXml());
        if (records.isEmpty()) {
            throw new IllegalArgumentException("the payload holds no " + noun() + " element (namespace " + NAMESPACE + ")");
        }
        // every read and write in one transaction of our own, committed before the reply is sent and
        // the request acknowledged (the route's JMS transaction is the session's, not Spring's)
        int[] counts = tx.execute(status -> {
            List<Customer> customers = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                SourceAttributes a = records.get(i);
                String where = noun() + "[" + (i + 1) + "]";
                try {
                    if (!created) {
                        a = overlay(a, where);
                    }
                    SourceCrs crs = SourceCrs.of(a.get("crs") == null ? "EPSG:4490" : a.get("crs").toString());
                    CustomerMapper mapper = new CustomerMapper(Map.of(), crs, serviceArea, properties.maxContractedKva());
                    customers.add(mapper.map(new SourceRecord(a, null, null, () -> "")));
                } catch (RecordRejected | IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage().startsWith(where) ? e.getMessage() : where + ": " + e.getMessage());
                }
            }
            int inserted = 0;
            for (Customer c : customers) {
                if (register.upsert(c, properties.messageFeedId())) {
                    inserted++;
                }
            }
            return new int[] {inserted, customers.size() - inserted};
        });
        String xml = "<RegisterResult xmlns=\"" + NAMESPACE + "\"><inserted>" + counts[0] + "</inserted><updated>"
                + counts[1] + "</updated></RegisterResult>";
        String jsonAnswer = "{\"RegisterResult\":{\"inserted\":" + counts[0] + ",\"updated\":" + counts[1] + "}}";
        return new Answer(Reply.ok(), xml, jsonAnswer);
    }

    /** A change names the customer and what changed: the rest comes from the register. */
    private SourceAttributes overlay(SourceAttributes change, String where) {
        Object no = change.get("customer_no");
        if (no == null) {
            throw new IllegalArgumentException(where + ": customerNo is missing");
        }
        Map<String, Object> stored = register.fields(no.toString().trim()).orElseThrow(() ->
                new IllegalArgumentException(where + ": customer " + no + " is not in the register; send created"));
        SourceAttributes merged = new SourceAttributes();
        stored.forEach((k, v) -> merged.put(k, v));
        for (String key : change.keys()) {
            merged.put(key, change.get(key));
        }
        if (change.has("lon") || change.has("lat")) {
            merged.put("crs", change.get("crs"));
        }
        return merged;
    }

    private List<SourceAttributes> fromXml(String payloadXml) {
        if (payloadXml == null || payloadXml.isBlank()) {
            return List.of();
        }
        try {
            Document doc = io.gridhub.api.SafeXml.parse("<r>" + payloadXml + "</r>");
            List<SourceAttributes> out = new ArrayList<>();
            for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && NAMESPACE.equals(e.getNamespaceURI()) && noun().equals(e.getLocalName())) {
                    SourceAttributes a = new SourceAttributes();
                    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                        if (c instanceof Element field) {
                            a.put(snake(field.getLocalName()), field.getTextContent().trim());
                        }
                    }
                    out.add(a);
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalArgumentException("the payload is not readable XML: " + e.getMessage());
        }
    }

    private List<SourceAttributes> fromJson(String payloadJson) {
        try {
            JsonNode root = json.readTree(payloadJson);
            JsonNode items = root.path(noun());
            List<SourceAttributes> out = new ArrayList<>();
            for (JsonNode item : items.isArray() ? items : List.of(items)) {
                if (!item.isObject()) {
                    continue;
                }
                SourceAttributes a = new SourceAttributes();
                for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    a.put(snake(f.getKey()), f.getValue().isNull() ? null : f.getValue().asText());
                }
                out.add(a);
            }
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the payload is not readable JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code customerNo} → {@code customer_no}. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}

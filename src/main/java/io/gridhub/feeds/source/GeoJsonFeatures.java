package io.gridhub.feeds.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridhub.feeds.geo.GeoJsonGeometry;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Streams the features of a GeoJSON FeatureCollection (or a single Feature, or GeoJSONSeq) with
 * Jackson's streaming parser: one feature at a time is a tree, the collection never is. The
 * collection's other top-level members (paging metadata: {@code links}, {@code numberMatched},
 * ArcGIS's {@code exceededTransferLimit}, an {@code error} object) are returned.
 */
public final class GeoJsonFeatures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GeoJsonGeometry geometries = new GeoJsonGeometry(new GeometryFactory());

    /** Streams a GeoJSON document; returns its top-level members other than {@code features}. */
    public ObjectNode readCollection(InputStream in, FeatureHandler records) throws IOException {
        ObjectNode top = JSON.createObjectNode();
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SourceException("not a GeoJSON object (starts with " + p.currentToken() + ")");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("features".equals(name) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode feature = p.readValueAsTree();
                        deliver(feature, records);
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        throw new SourceException("features array holds a non-object: " + p.currentToken());
                    }
                } else {
                    top.set(name, p.readValueAsTree());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SourceException("malformed GeoJSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
        if ("Feature".equals(top.path("type").asText())) {
            deliver(top, records);
            return JSON.createObjectNode();
        }
        return top;
    }

    /**
     * Streams GeoJSONSeq (RFC 8142: one feature per line, optionally RS-prefixed). A line that is not
     * JSON fails the file: a truncated or corrupt file must not load as a shorter snapshot.
     */
    public void readSequence(InputStream in, FeatureHandler records) throws IOException {
        // lines are split and parsed as UTF-8 bytes: no decoding into a String the parser would read again
        byte[] buf = new byte[1 << 16];
        int start = 0;
        int end = 0;
        long n = 0;
        boolean eof = false;
        while (true) {
            int nl = -1;
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl < 0 && !eof) {
                if (start > 0) { // keep the partial line at the front
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buf.length) { // a line longer than the buffer
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                int r = in.read(buf, end, buf.length - end);
                if (r < 0) {
                    eof = true;
                } else {
                    end += r;
                }
                continue;
            }
            int lineEnd = nl < 0 ? end : nl;
            if (nl < 0 && start == end) {
                return;
            }
            n++;
            sequenceLine(buf, start, lineEnd, n, records);
            start = nl < 0 ? end : nl + 1;
        }
    }

    private void sequenceLine(byte[] buf, int from, int to, long n, FeatureHandler records) throws IOException {
        if (from < to && buf[from] == 0x1e) { // RFC 8142 record separator
            from++;
        }
        while (to > from && (buf[to - 1] == '\r' || buf[to - 1] == ' ' || buf[to - 1] == '\t')) {
            to--;
        }
        while (from < to && (buf[from] == ' ' || buf[from] == '\t')) {
            from++;
        }
        if (from == to) {
            return;
        }
        JsonNode feature;
        try {
            feature = JSON.readTree(buf, from, to - from);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SourceException("line " + n + " is not JSON: " + e.getOriginalMessage());
        }
        if (feature == null || !feature.isObject()) {
            throw new SourceException("line " + n + " is not a GeoJSON feature");
        }
        deliver(feature, records);
    }

    private void deliver(JsonNode feature, FeatureHandler records) {
        SourceRecord r;
        try {
            r = record(feature);
        } catch (UnreadableRecord e) {
            records.unreadable(e.raw(), e.getMessage());
            return;
        }
        records.record(r);
    }

    /** Receives the features of a document. */
    public interface FeatureHandler {
        void record(SourceRecord record);

        void unreadable(String raw, String reason);
    }

    /** One GeoJSON feature as a source record. A geometry that cannot be read becomes a reason. */
    public SourceRecord record(JsonNode feature) {
        SourceAttributes attributes = new SourceAttributes();
        JsonNode props = feature.path("properties");
        Iterator<Map.Entry<String, JsonNode>> fields = props.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            attributes.put(f.getKey(), value(f.getValue()));
        }
        Geometry geometry;
        try {
            geometry = geometries.read(feature.get("geometry"));
        } catch (RuntimeException e) {
            throw new UnreadableRecord(e.getMessage(), feature.toString());
        }
        JsonNode id = feature.get("id");
        return new SourceRecord(attributes, geometry, id == null || id.isNull() ? null : id.asText(), feature::toString);
    }

    static Object value(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.numberValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isArray()) {
            List<Object> items = new ArrayList<>(v.size());
            v.forEach(i -> items.add(value(i)));
            return items;
        }
        if (v.isObject()) {
            return v.toString();
        }
        return v.asText();
    }

    /** A single record whose content cannot be read (quarantined, not a failed run). */
    public static final class UnreadableRecord extends RuntimeException {
        private final String raw;

        public UnreadableRecord(String reason, String raw) {
            super(reason);
            this.raw = raw;
        }

        public String raw() {
            return raw;
        }
    }
}

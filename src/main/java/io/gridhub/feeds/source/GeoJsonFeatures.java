package io.gridhub.feeds.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /** Coordinates are most of a feature's bytes: Jackson's fast double parser reads them (exactly, as the JDK's). */
    private static final ObjectMapper JSON = new ObjectMapper(
            com.fasterxml.jackson.core.JsonFactory.builder()
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());

    private final GeoJsonGeometry geometries = new GeoJsonGeometry(new GeometryFactory());
    /** Longest GeoJSONSeq line read; a longer one fails the file instead of taking the memory. */
    private final int maxLineBytes;

    public GeoJsonFeatures() {
        this(16 << 20);
    }

    public GeoJsonFeatures(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

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
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new SourceException("malformed GeoJSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
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
     *
     * <p>Two threads share the work: a parser thread splits the lines and turns them into source
     * records (JSON, attributes, geometry), a few hundred at a time, while the calling thread
     * hands them to the handler in file order. The handler is only ever called from the calling
     * thread, and the stream is no longer read once this method returns or throws.
     */
    public void readSequence(InputStream in, FeatureHandler records) throws IOException {
        BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(PARSED_BATCHES);
        AtomicBoolean stopped = new AtomicBoolean();
        Thread parser = new Thread(() -> parseSequence(in, queue, stopped), "geojsonseq-parser");
        parser.setDaemon(true);
        parser.start();
        try {
            while (true) {
                List<Object> batch;
                try {
                    batch = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SourceException("interrupted while reading GeoJSONSeq");
                }
                for (Object item : batch) {
                    if (item == END) {
                        return;
                    } else if (item instanceof SourceRecord r) {
                        records.record(r);
                    } else if (item instanceof UnreadableRecord u) {
                        records.unreadable(u.raw(), u.getMessage());
                    } else if (item instanceof IOException e) {
                        throw e;
                    } else {
                        throw (RuntimeException) item;
                    }
                }
            }
        } finally {
            stopped.set(true);
            parser.interrupt();
            queue.clear();
            try {
                parser.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final int PARSED_BATCH = 256;
    private static final int PARSED_BATCHES = 8;
    private static final Object END = new Object();

    /** The parser thread: lines to records, in batches; ends with {@link #END} after the last line or a failure. */
    private void parseSequence(InputStream in, BlockingQueue<List<Object>> queue, AtomicBoolean stopped) {
        List<Object> batch = new ArrayList<>(PARSED_BATCH);
        try {
            try {
                splitLines(in, (buf, from, to, n) -> {
                    Object item = sequenceLine(buf, from, to, n);
                    if (item != null) {
                        batch.add(item);
                    }
                    if (batch.size() == PARSED_BATCH) {
                        if (stopped.get()) {
                            throw new InterruptedException();
                        }
                        queue.put(new ArrayList<>(batch));
                        batch.clear();
                    }
                });
            } catch (IOException | RuntimeException e) {
                batch.add(e);
            }
            batch.add(END);
            if (!stopped.get()) {
                queue.put(batch);
            }
        } catch (InterruptedException e) {
            // the reader stopped listening: nothing more to do
        }
    }

    private interface LineHandler {
        void line(byte[] buf, int from, int to, long n) throws InterruptedException;
    }

    /** Splits a stream into lines of bytes (without the line break), numbered from 1. */
    private void splitLines(InputStream in, LineHandler lines) throws IOException, InterruptedException {
        // lines are split and parsed as UTF-8 bytes: no decoding into a String the parser would read again
        byte[] buf = new byte[1 << 16];
        int start = 0;
        int end = 0;
        int scanned = 0;
        long n = 0;
        boolean eof = false;
        while (true) {
            int nl = -1;
            for (int i = Math.max(start, scanned); i < end; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl < 0 && !eof) {
                scanned = end;
                if (start > 0) { // keep the partial line at the front
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    scanned -= start;
                    start = 0;
                }
                if (end == buf.length) { // a line longer than the buffer
                    if (buf.length >= maxLineBytes) {
                        throw new SourceException("line " + (n + 1) + " is longer than " + maxLineBytes
                                + " bytes (hub.feed-policy.files.max-record-bytes)");
                    }
                    buf = java.util.Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxLineBytes));
                }
                int r = in.read(buf, end, buf.length - end);
                if (r < 0) {
                    eof = true;
                } else {
                    end += r;
                }
                continue;
            }
            if (nl < 0 && start == end) {
                return;
            }
            n++;
            lines.line(buf, start, nl < 0 ? end : nl, n);
            start = nl < 0 ? end : nl + 1;
            scanned = start;
        }
    }

    /** One line: a source record, an unreadable record, or null for a blank line; a line that is not JSON fails. */
    private Object sequenceLine(byte[] buf, int from, int to, long n) {
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
            return null;
        }
        JsonNode feature;
        try {
            feature = JSON.readTree(buf, from, to - from);
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new SourceException("line " + n + " is not JSON: " + reason);
        }
        if (feature == null || !feature.isObject()) {
            throw new SourceException("line " + n + " is not a GeoJSON feature");
        }
        try {
            return record(feature);
        } catch (UnreadableRecord e) {
            return e;
        }
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

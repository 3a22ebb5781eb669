package io.gridhub.feeds.source.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.gridhub.feeds.source.SourceAttributes;
import io.gridhub.feeds.source.SourceException;
import io.gridhub.feeds.source.SourceRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * CSV records, streamed: a header row names the attributes; geometry comes from a WKT column
 * (wkt, geom, geometry, shape, the_geom) or a pair of lon/lat columns (lon/lng/longitude/x/经度 and
 * lat/latitude/y/纬度). Input must be UTF-8 (a byte-order mark is fine): other encodings fail the
 * file instead of loading garbled names.
 */
public final class DelimitedRecords {

    private static final List<String> WKT = List.of("wkt", "geom", "geometry", "shape", "the_geom");
    private static final List<String> LON = List.of("lon", "lng", "longitude", "x", "经度");
    private static final List<String> LAT = List.of("lat", "latitude", "y", "纬度");

    /** Receives a CSV record, or a reason it cannot be read. */
    public interface Handler {
        void record(SourceRecord record);

        void unreadable(String raw, String reason);
    }

    private final GeometryFactory factory = new GeometryFactory();
    private final int maxLineChars;
    private final int maxWktDepth;

    public DelimitedRecords() {
        this(16 << 20, 8);
    }

    /**
     * @param maxLineChars longest line read; a longer one fails the file instead of taking the memory
     * @param maxWktDepth deepest parenthesis nesting of a WKT geometry; deeper is refused before
     *                    parsing (JTS parses recursively: a deep enough nesting overflowed the stack)
     */
    public DelimitedRecords(int maxLineChars, int maxWktDepth) {
        this.maxLineChars = maxLineChars;
        this.maxWktDepth = maxWktDepth;
    }

    public void read(InputStream in, Handler handler) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        Reader reader = new LineCap(new InputStreamReader(in, utf8), maxLineChars);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).build();
        try (CSVParser csv = CSVParser.parse(reader, format)) {
            List<String> header = csv.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "")).toList();
            if (header.isEmpty()) {
                throw new SourceException("CSV has no header row");
            }
            int wkt = find(header, WKT);
            int lon = find(header, LON);
            int lat = find(header, LAT);
            WKTReader wktReader = new WKTReader(factory);
            for (CSVRecord row : csv) {
                String raw = String.join(",", row.values());
                if (row.size() != header.size()) {
                    handler.unreadable(raw, "row " + row.getRecordNumber() + " has " + row.size()
                            + " values for " + header.size() + " columns");
                    continue;
                }
                SourceAttributes a = new SourceAttributes();
                for (int i = 0; i < header.size(); i++) {
                    if (i != wkt && i != lon && i != lat) {
                        a.put(header.get(i), row.get(i));
                    }
                }
                Geometry g;
                try {
                    g = geometry(row, wkt, lon, lat, wktReader);
                } catch (ParseException | IllegalArgumentException e) {
                    handler.unreadable(raw, "row " + row.getRecordNumber() + ": geometry cannot be read: " + e.getMessage());
                    continue;
                }
                handler.record(new SourceRecord(a, g, null, () -> raw));
            }
        } catch (java.io.UncheckedIOException e) {
            throw failure(e.getCause());
        } catch (IllegalArgumentException | IllegalStateException e) { // commons-csv: a blank or duplicate header, a broken quote
            throw new SourceException("CSV cannot be read: " + e.getMessage(), e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw failure(e);
        }
    }

    private static SourceException failure(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return new SourceException("CSV is not UTF-8 (save it as UTF-8; GBK exports are not read)", e);
        }
        return new SourceException("CSV cannot be read: " + e.getMessage(), e);
    }

    private Geometry geometry(CSVRecord row, int wkt, int lon, int lat, WKTReader reader) throws ParseException {
        if (wkt >= 0) {
            String text = row.get(wkt);
            if (text == null || text.isBlank()) {
                return null;
            }
            int depth = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '(' && ++depth > maxWktDepth) {
                    throw new IllegalArgumentException("WKT nested deeper than " + maxWktDepth
                            + " levels (hub.feed-policy.files.max-wkt-depth)");
                } else if (c == ')') {
                    depth--;
                }
            }
            return reader.read(text);
        }
        if (lon >= 0 && lat >= 0) {
            String x = row.get(lon);
            String y = row.get(lat);
            if (x.isBlank() && y.isBlank()) {
                return null;
            }
            return factory.createPoint(new Coordinate(parse(x), parse(y)));
        }
        return null;
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a coordinate");
        }
    }

    private static int find(List<String> header, List<String> names) {
        for (int i = 0; i < header.size(); i++) {
            if (names.contains(header.get(i).trim().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a header looks like the production MIS load export. */
    static boolean isLoadExport(List<String> header) {
        Map<String, Boolean> seen = new java.util.HashMap<>();
        for (String h : header) {
            seen.put(h.replace("\uFEFF", "").trim().toUpperCase(Locale.ROOT), true);
        }
        return seen.containsKey("SBBM") && seen.containsKey("TJYF");
    }

    /** Fails the read when a line grows longer than the cap (one unterminated field would otherwise take the memory). */
    private static final class LineCap extends java.io.FilterReader {
        private final int max;
        private int line;

        LineCap(Reader in, int max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c);
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = off; i < off + n; i++) {
                count(buf[i]);
            }
            return n;
        }

        private void count(int c) throws IOException {
            if (c == '\n') {
                line = 0;
            } else if (++line > max) {
                throw new IOException("a line is longer than " + max + " characters (hub.feed-policy.files.max-record-bytes)");
            }
        }
    }
}

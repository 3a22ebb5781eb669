package io.gridhub.hostile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedKind;
import io.gridhub.feeds.FeedMode;
import io.gridhub.feeds.FeedPolicy;
import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.feeds.mapping.AssetMapper;
import io.gridhub.feeds.mapping.LoadMapper;
import io.gridhub.feeds.mapping.RecordRejected;
import io.gridhub.feeds.source.GeoJsonFeatures;
import io.gridhub.feeds.source.RecordSink;
import io.gridhub.feeds.source.SourceException;
import io.gridhub.feeds.source.SourceRecord;
import io.gridhub.feeds.source.file.FileDropSource;
import io.gridhub.feeds.validation.RecordValidator;
import io.gridhub.geo.ServiceArea;
import io.gridhub.grid.AssetType;
import io.gridhub.hostile.Outcomes.Outcome;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.InvalidMessageException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite, files and messages (issue 11): generated GeoJSON documents and
 * GeoJSONSeq, CSV (UTF-8, BOM, GBK, mixed line ends), zip archives, XLSX workbooks and IEC
 * 61968-100 envelopes, mutated into truncated and huge documents, deep nesting, NaN and infinite
 * coordinates, wrong geometry types, invalid UTF-8, entity expansion, SQL metacharacters and path
 * traversal, go through the hub's real readers, mapping and validation, in process. Every input
 * must end accepted, quarantined with a reason, or refused with a reason; any other exception or
 * error fails the property. Counts by outcome go to target/hostile-outcomes.md (docs/reliability.md).
 */
class HostileFilesProperties {

    static final FeedPolicy POLICY = new FeedPolicy(null, 1000,
            new FeedPolicy.Http(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofMillis(1), null, null, null, null),
            1000, 8000, Map.of("distribution_transformer", Map.of("rated-kva", new FeedPolicy.Range(10, 2500))),
            Duration.ofSeconds(1), 0.2, null, new FeedPolicy.Files(null, 1 << 20, 50, 64L << 20, 200, 8), null);
    static final ServiceArea AREA = new ServiceArea(106.3, 37.3, 111.9, 40.9);
    static final FeedDefinition FILE_FEED = new FeedDefinition(FeedKind.FILE, true, null, null, null, null,
            FeedMode.INCREMENTAL, null, null, null, null, null, null, null, null, null, null, null, Map.of());

    /** Hostile values for attributes and coordinates. */
    static final List<String> NASTY_VALUES = List.of("'; DROP TABLE grid.pole; --", "\" OR 1=1 --", "$$; SELECT pg_sleep(10); $$",
            "../../../../etc/passwd", "..\\\\..\\\\windows\\\\win.ini", "1e999999999", "-1e999999999", "NaN", "Infinity",
            "\\u0000", "\\u0001\\u001f", "\\ud800", "<script>alert(1)</script>", "%00", "%s%n", "${jndi:ldap://x/a}",
            "9".repeat(400), "东胜变".repeat(200), "", " ", "null");
    static final List<String> NASTY_COORDINATES = List.of("[109.96,39.81]", "[\"NaN\",39.8]", "[1e999,39.8]", "[-1e999,39]",
            "[null,null]", "[]", "[109.96]", "[109.96,39.81,1,2,3]", "\"109.96,39.81\"", "{}", "[[109.96,39.81]]",
            "[116.39,39.9]", "[109.96,91]", "[181,39.8]", "[1.7976931348623157E308,4.9E-324]");
    static final List<String> NASTY_GEOMETRY_TYPES = List.of("Point", "LineString", "Polygon", "MultiPoint",
            "GeometryCollection", "Circle", "", "point", "Feature");

    final Iec61968Codec codec = new Iec61968Codec();

    @AfterContainer
    static void report() {
        Outcomes.write("Files and messages (HostileFilesProperties)");
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> features() {
        Arbitrary<String> type = Arbitraries.of(NASTY_GEOMETRY_TYPES);
        Arbitrary<String> coords = Arbitraries.oneOf(Arbitraries.of(NASTY_COORDINATES), deepArray());
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(NASTY_VALUES).map(HostileFilesProperties::json),
                Arbitraries.strings().ofMaxLength(40).map(HostileFilesProperties::json),
                Arbitraries.of("1e999999999", "-0", "0.1e-400", "123456789012345678901234567890", "true", "[1,[2,[3]]]", "{\"a\":{}}"));
        return net.jqwik.api.Combinators.combine(type, coords, value, value).as((t, c, v1, v2) ->
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"" + t + "\",\"coordinates\":" + c + "},\"properties\":"
                        + "{\"source_id\":" + v1 + ",\"feeder_ref\":\"FDR-A1\",\"name\":" + v2 + ",\"pole_number\":" + v1 + "}}");
    }

    Arbitrary<String> deepArray() {
        return Arbitraries.integers().between(2, 3000).map(d -> "[".repeat(d) + "109.9,39.8" + "]".repeat(d));
    }

    /** A document, sometimes cut short or with bytes that are not UTF-8. */
    @Provide
    Arbitrary<byte[]> geoJsonDocuments() {
        return net.jqwik.api.Combinators.combine(features().list().ofMaxSize(6), Arbitraries.integers().between(0, 100),
                        Arbitraries.integers().between(0, 4))
                .as((fs, cut, damage) -> damage(("{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", fs) + "]}")
                        .getBytes(StandardCharsets.UTF_8), cut, damage));
    }

    @Provide
    Arbitrary<byte[]> geoJsonSequences() {
        return net.jqwik.api.Combinators.combine(features().list().ofMaxSize(6), Arbitraries.integers().between(0, 100),
                        Arbitraries.integers().between(0, 4), Arbitraries.of("\n", "\r\n", "\n\u001e"))
                .as((fs, cut, damage, nl) -> damage(String.join(nl, fs).getBytes(StandardCharsets.UTF_8), cut, damage));
    }

    @Provide
    Arbitrary<byte[]> csvFiles() {
        Arbitrary<String> cell = Arbitraries.oneOf(Arbitraries.of(NASTY_VALUES),
                Arbitraries.strings().ofMaxLength(20), Arbitraries.of("POINT (109.96 39.81)", "POINT (NaN 39.8)",
                        "LINESTRING (109.96 39.81)", "POLYGON ((1 1, 2 2))", "POINT EMPTY", "GEOMETRYCOLLECTION (" .repeat(50)
                                + "POINT (1 1)" + ")".repeat(50), "POINT (1e999 1)", "CIRCLE (1 1)"));
        Arbitrary<String> row = cell.list().ofMinSize(1).ofMaxSize(5).map(cells -> String.join(",", cells.stream()
                .map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList()));
        return net.jqwik.api.Combinators.combine(row.list().ofMaxSize(6), Arbitraries.of("\n", "\r\n", "\r"),
                        Arbitraries.of("UTF-8", "UTF-8-BOM", "GBK"), Arbitraries.integers().between(0, 100),
                        Arbitraries.integers().between(0, 4))
                .as((rows, nl, encoding, cut, damage) -> {
                    String text = "source_id,feeder_ref,name,wkt" + nl + String.join(nl, rows) + nl;
                    byte[] bytes = "GBK".equals(encoding) ? text.getBytes(Charset.forName("GBK"))
                            : ("UTF-8-BOM".equals(encoding) ? "\uFEFF" + text : text).getBytes(StandardCharsets.UTF_8);
                    return damage(bytes, cut, damage);
                });
    }

    @Provide
    Arbitrary<String> zipEntryNames() {
        return Arbitraries.of("pole.csv", "pole.geojsonl", "pole.geojson", "../../../tmp/pole.csv", "/etc/pole.csv",
                "a/b/../../pole.geojsonl", "..\\\\pole.csv", "pole.shp", "loads.csv", "__MACOSX/pole.csv", ".hidden.csv",
                "windmill.csv", "pole.zip", "pole\u0000.csv");
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 2500)
    void geoJsonDocuments(@ForAll("geoJsonDocuments") byte[] doc) {
        classify("GeoJSON document", () -> {
            Classifier sink = new Classifier();
            new GeoJsonFeatures().readCollection(new ByteArrayInputStream(doc), sink.features(AssetType.POLE));
            return sink;
        });
    }

    @Property(tries = 1500)
    void geoJsonSequences(@ForAll("geoJsonSequences") byte[] seq) {
        classify("GeoJSONSeq", () -> {
            Classifier sink = new Classifier();
            new GeoJsonFeatures(1 << 20).readSequence(new ByteArrayInputStream(seq), sink.features(AssetType.POLE));
            return sink;
        });
    }

    @Property(tries = 2500)
    void csvFiles(@ForAll("csvFiles") byte[] csv) throws Exception {
        Path dir = Files.createTempDirectory("hostile-csv");
        Path file = Files.write(dir.resolve("pole.csv"), csv);
        classify("CSV (UTF-8, BOM, GBK, mixed line ends)", () -> read(file));
    }

    @Property(tries = 1000)
    void zipArchives(@ForAll("zipEntryNames") String name, @ForAll("csvFiles") byte[] csv,
                     @ForAll("geoJsonSequences") byte[] seq, @ForAll("zipEntryNames") String other,
                     @ForAll("cuts") int cut) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(name.contains("geojson") ? seq : csv);
            zip.closeEntry();
            if (!other.equals(name)) {
                zip.putNextEntry(new ZipEntry(other));
                zip.write(other.contains("geojson") ? seq : csv);
                zip.closeEntry();
            }
        }
        byte[] archive = cut(bytes.toByteArray(), cut);
        Path dir = Files.createTempDirectory("hostile-zip");
        Path file = Files.write(dir.resolve("grid.zip"), archive);
        classify("zip archive (path traversal in names)", () -> read(file));
    }

    @Property(tries = 500)
    void xlsxWorkbooks(@ForAll("cuts") int cut, @ForAll("damages") int damage, @ForAll("csvFiles") byte[] values) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            var sheet = wb.createSheet("负荷");
            var header = sheet.createRow(0);
            String[] cols = {"SBBM", "SBLX", "TJYF", "ZDFH_KW", "GLYS"};
            for (int i = 0; i < cols.length; i++) {
                header.createCell(i).setCellValue(cols[i]);
            }
            String[] cells = new String(values, StandardCharsets.UTF_8).split("[,\\r\\n]");
            for (int r = 1; r <= 3; r++) {
                var row = sheet.createRow(r);
                for (int i = 0; i < cols.length; i++) {
                    row.createCell(i).setCellValue(cells[(r * cols.length + i) % cells.length]);
                }
            }
            wb.write(bytes);
        }
        Path dir = Files.createTempDirectory("hostile-xlsx");
        Path file = Files.write(dir.resolve("loads-2025-11.xlsx"), damage(bytes.toByteArray(), cut, damage));
        classify("XLSX load export", () -> read(file));
    }

    @Property(tries = 2500)
    void iecEnvelopes(@ForAll("envelopes") String xml) {
        try {
            codec.read(xml);
            Outcomes.count("IEC 61968-100 XML envelope", Outcome.ACCEPTED);
        } catch (InvalidMessageException e) {
            assertThat(e.getMessage()).isNotBlank();
            Outcomes.count("IEC 61968-100 XML envelope", Outcome.REFUSED);
        }
    }

    @Provide
    Arbitrary<String> envelopes() {
        Arbitrary<String> body = Arbitraries.oneOf(Arbitraries.of(NASTY_VALUES).map(v -> v.replace("&", "&amp;").replace("<", "&lt;")),
                Arbitraries.of("<x>".repeat(200) + "</x>".repeat(200), "&lol9;", "]]>", "<![CDATA[<a>]]>", "\u0001", "&#0;",
                        "<Verb>get</Verb>", "<!--", "<?xml version=\"1.0\"?>"));
        Arbitrary<String> doctype = Arbitraries.of("", "<!DOCTYPE r [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;\">"
                        + "<!ENTITY lol9 \"&lol1;&lol1;&lol1;&lol1;\">]>",
                "<!DOCTYPE r SYSTEM \"file:///etc/passwd\">", "<!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:1/x\">]>");
        return net.jqwik.api.Combinators.combine(doctype, Arbitraries.of("get", "create", "", "GET", "<b/>"),
                        Arbitraries.of("GridSummary", "ConnectionCandidates", "", "Nope"), body, Arbitraries.integers().between(0, 100))
                .as((dt, verb, noun, b, cut) -> {
                    String xml = dt + "<RequestMessage xmlns=\"http://iec.ch/TC57/2011/schema/message\"><Header><Verb>" + verb
                            + "</Verb><Noun>" + noun + "</Noun><MessageID>" + b + "</MessageID></Header><Request>" + b
                            + "</Request></RequestMessage>";
                    return cut < 85 ? xml : xml.substring(0, xml.length() * (cut - 84) / 17);
                });
    }

    /**
     * Found by this suite: a request whose content nested 5,000 elements deep parsed, then made
     * {@code Iec61968Codec} overflow the stack while it serialised the fragment (DOM2TO, recursive),
     * a StackOverflowError in the MIS request route. {@code SafeXml} now refuses documents deeper
     * than {@code MAX_ELEMENT_DEPTH} while parsing.
     */
    @net.jqwik.api.Example
    void deeplyNestedRequestContentIsRefused() {
        String xml = "<RequestMessage xmlns=\"http://iec.ch/TC57/2011/schema/message\"><Header><Verb>get</Verb>"
                + "<Noun>GridSummary</Noun><MessageID>1</MessageID></Header><Request>" + "<x>".repeat(5000)
                + "</x>".repeat(5000) + "</Request></RequestMessage>";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.read(xml)).isInstanceOf(InvalidMessageException.class);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 100);
    }

    @Provide
    Arbitrary<Integer> damages() {
        return Arbitraries.integers().between(0, 4);
    }

    // ---------------------------------------------------------------- machinery

    interface Read {
        Classifier run() throws Exception;
    }

    /** Runs one input; counts its outcome; anything but a reasoned refusal or quarantine fails. */
    static void classify(String family, Read read) {
        Classifier sink;
        try {
            sink = read.run();
        } catch (SourceException e) {
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
            Outcomes.count(family, Outcome.REFUSED);
            return;
        } catch (Exception e) {
            throw new AssertionError(family + ": neither accepted, quarantined nor refused with a reason: " + e, e);
        }
        Outcomes.count(family, sink.quarantined > 0 ? Outcome.QUARANTINED : Outcome.ACCEPTED);
    }

    static Classifier read(Path file) {
        Classifier sink = new Classifier();
        new FileDropSource(POLICY.files()).read(FILE_FEED, List.of(file), sink);
        return sink;
    }

    /** Cuts 0–15 % of inputs short, and damages some with bytes that are not UTF-8 or with a NUL. */
    static byte[] damage(byte[] bytes, int cut, int damage) {
        byte[] b = cut(bytes, cut);
        if (damage == 1 && b.length > 2) {
            b = b.clone();
            b[b.length / 2] = (byte) 0xC3;
            b[b.length / 2 + 1] = (byte) 0x28; // an invalid two-byte sequence
        } else if (damage == 2 && b.length > 2) {
            b = b.clone();
            b[b.length / 3] = 0;
        }
        return b;
    }

    static byte[] cut(byte[] bytes, int cut) {
        return cut < 85 ? bytes : java.util.Arrays.copyOf(bytes, (int) ((long) bytes.length * (cut - 84) / 17));
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Maps and validates every record as a run would, counting the quarantined. */
    static final class Classifier implements RecordSink {
        final RecordValidator validator = new RecordValidator(POLICY, AREA);
        final LoadMapper loads = new LoadMapper(Map.of());
        int quarantined;

        GeoJsonFeatures.FeatureHandler features(AssetType type) {
            return new GeoJsonFeatures.FeatureHandler() {
                @Override
                public void record(SourceRecord record) {
                    asset(type, record);
                }

                @Override
                public void unreadable(String raw, String reason) {
                    Classifier.this.unreadable(type, raw, reason);
                }
            };
        }

        @Override
        public void asset(AssetType type, SourceRecord record) {
            try {
                validator.check(new AssetMapper(type, Map.of(), SourceCrs.of("EPSG:4490")).map(record));
            } catch (RecordRejected e) {
                assertThat(e.getMessage()).isNotBlank();
                quarantined++;
            }
        }

        @Override
        public void load(SourceRecord record) {
            try {
                validator.check(loads.map(record));
            } catch (RecordRejected e) {
                assertThat(e.getMessage()).isNotBlank();
                quarantined++;
            }
        }

        @Override
        public void unreadable(AssetType type, String raw, String reason) {
            assertThat(reason).isNotBlank();
            quarantined++;
        }
    }
}

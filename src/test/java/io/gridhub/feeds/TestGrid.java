package io.gridhub.feeds;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.grid.AssetType;

/**
 * The small known grid the feed tests speak about, near Dongsheng (EPSG:4490): two substations,
 * a main transformer, three feeders (FDR-S has no line of its own: its two sections make it),
 * 23 poles along FDR-A1 and 12 distribution transformers. Writes it in the formats sources use.
 */
public final class TestGrid {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A feature: id, GeoJSON geometry (or null), properties (store column names). */
    public record Feature(String id, Map<String, Object> geometry, Map<String, Object> properties) {

        /** The geometry as WKT (points and lines only). */
        public String wkt() {
            if (geometry == null) {
                return "";
            }
            String type = (String) geometry.get("type");
            Object c = geometry.get("coordinates");
            return switch (type) {
                case "Point" -> "POINT (" + pos((List<?>) c) + ")";
                case "LineString" -> "LINESTRING " + line((List<?>) c);
                case "MultiLineString" -> "MULTILINESTRING (" + String.join(", ",
                        ((List<?>) c).stream().map(l -> line((List<?>) l)).toList()) + ")";
                default -> throw new IllegalStateException(type);
            };
        }

        private static String pos(List<?> p) {
            return p.get(0) + " " + p.get(1);
        }

        private static String line(List<?> l) {
            return "(" + String.join(", ", l.stream().map(p -> pos((List<?>) p)).toList()) + ")";
        }
    }

    public static final int POLES = 23;
    public static final int TRANSFORMERS = 12;

    private TestGrid() {
    }

    public static List<Feature> features(AssetType type) {
        List<Feature> out = new ArrayList<>();
        switch (type) {
            case SUBSTATION -> {
                out.add(f("SUB-A", point(109.95, 39.80), "name", "东胜变", "voltage_kv", 110));
                out.add(f("SUB-B", point(110.00, 39.85), "name", "康巴什变", "voltage_kv", 110));
            }
            case MAIN_TRANSFORMER -> out.add(f("MT-A1", point(109.95, 39.80), "name", "东胜变1#主变",
                    "substation_ref", "SUB-A", "rated_kva", 40000));
            case FEEDER -> {
                out.add(f("FDR-A1", multiLine(new double[][] {{109.95, 39.80}, {109.96, 39.803}, {109.97, 39.805}}),
                        "name", "东01线", "substation_ref", "SUB-A", "rated_current_a", 400, "voltage_kv", 10));
                out.add(f("FDR-B1", multiLine(new double[][] {{110.00, 39.85}, {110.01, 39.86}}),
                        "name", "康01线", "substation_ref", "SUB-B", "rated_kva", 6000, "tie_feeder_refs", List.of("FDR-A1")));
                out.add(f("FDR-S", null, "name", "东02线", "substation_ref", "SUB-A", "rated_current_a", 300));
            }
            case FEEDER_SECTION -> {
                out.add(f("SEC-S-1", line(new double[][] {{109.95, 39.80}, {109.955, 39.79}}),
                        "feeder_ref", "FDR-S", "line_kind", "OVERHEAD", "conductor", "JKLYJ-240"));
                out.add(f("SEC-S-2", line(new double[][] {{109.955, 39.79}, {109.96, 39.785}}),
                        "feeder_ref", "FDR-S", "line_kind", "CABLE", "conductor", "YJV22-300"));
            }
            case POLE -> {
                for (int i = 1; i <= POLES; i++) {
                    out.add(f(String.format(Locale.ROOT, "POLE-%03d", i), point(109.95 + i * 0.0008, 39.80 + i * 0.0002),
                            "name", "东01线#" + i + "杆", "feeder_ref", "FDR-A1", "pole_number", "#" + i));
                }
            }
            case DISTRIBUTION_TRANSFORMER -> {
                int[] ratings = {100, 200, 315, 400, 500, 630, 800, 1000, 1250, 160, 250, 50};
                for (int i = 1; i <= TRANSFORMERS; i++) {
                    out.add(f(String.format(Locale.ROOT, "DT-%02d", i), point(109.951 + i * 0.0015, 39.801 + i * 0.0003),
                            "name", "配变" + i, "kind", i % 3 == 0 ? "BOX_TYPE" : "POLE_MOUNTED",
                            "ownership", i % 4 == 0 ? "DEDICATED" : "PUBLIC", "rated_kva", ratings[i - 1],
                            "feeder_ref", i % 2 == 0 ? "FDR-B1" : "FDR-A1"));
                }
            }
            default -> { }
        }
        return out;
    }

    static Feature f(String id, Map<String, Object> geometry, Object... props) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source_id", id);
        for (int i = 0; i < props.length; i += 2) {
            p.put((String) props[i], props[i + 1]);
        }
        return new Feature(id, geometry, p);
    }

    static Map<String, Object> point(double lon, double lat) {
        return Map.of("type", "Point", "coordinates", List.of(lon, lat));
    }

    static Map<String, Object> line(double[][] coords) {
        return Map.of("type", "LineString", "coordinates", positions(coords));
    }

    static Map<String, Object> multiLine(double[][] coords) {
        return Map.of("type", "MultiLineString", "coordinates", List.of(positions(coords)));
    }

    private static List<List<Double>> positions(double[][] coords) {
        List<List<Double>> p = new ArrayList<>();
        for (double[] c : coords) {
            p.add(List.of(c[0], c[1]));
        }
        return p;
    }

    /** A feature as GeoJSON text. */
    public static String json(Feature f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "Feature");
        m.put("id", f.id());
        m.put("geometry", f.geometry());
        m.put("properties", f.properties());
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String featureCollection(List<Feature> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",",
                features.stream().map(TestGrid::json).toList()) + "]}";
    }

    public static String geoJsonSeq(List<Feature> features) {
        return String.join("\n", features.stream().map(TestGrid::json).toList()) + "\n";
    }

    /** CSV with a WKT column and the properties as columns (arrays joined with ;). */
    public static String csvWkt(List<Feature> features) {
        List<String> columns = new ArrayList<>(features.get(0).properties().keySet());
        StringBuilder out = new StringBuilder(String.join(",", columns)).append(",wkt\n");
        for (Feature f : features) {
            for (String c : columns) {
                Object v = f.properties().get(c);
                out.append(v == null ? "" : quote(v instanceof List<?> l ? String.join(";", l.stream().map(Object::toString).toList()) : v.toString()))
                        .append(',');
            }
            out.append(quote(f.wkt())).append('\n');
        }
        return out.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    public static byte[] zip(Map<String, String> entries) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}

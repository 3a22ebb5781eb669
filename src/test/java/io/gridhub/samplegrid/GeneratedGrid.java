package io.gridhub.samplegrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

/** A generated folder read back the way the hub's loader would read it: features per file and load rows. */
final class GeneratedGrid {

    /** One loads.csv row. */
    record LoadRow(String ref, String type, String month, double peakKw, Double powerFactor, String measuredAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path folder;
    final Map<String, List<JsonNode>> features = new LinkedHashMap<>();
    final Map<String, JsonNode> byId = new HashMap<>();
    final List<LoadRow> loads = new ArrayList<>();

    GeneratedGrid(Path folder) {
        this.folder = folder;
        try {
            for (String file : GridFiles.GEOJSONL) {
                List<JsonNode> list = new ArrayList<>();
                for (String line : Files.readAllLines(folder.resolve(file), StandardCharsets.UTF_8)) {
                    JsonNode feature = JSON.readTree(line);
                    list.add(feature);
                    byId.put(feature.path("properties").path("source_id").asText(), feature);
                }
                features.put(file.replace(".geojsonl", ""), list);
            }
            List<String> lines = Files.readAllLines(folder.resolve("loads.csv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                loads.add(new LoadRow(f[0], f[1], f[2], Double.parseDouble(f[3]),
                        f[4].isEmpty() ? null : Double.valueOf(f[4]), f[5]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> all(String table) {
        return features.get(table);
    }

    static String prop(JsonNode feature, String name) {
        JsonNode value = feature.path("properties").path(name);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    static double number(JsonNode feature, String name) {
        return feature.path("properties").path(name).asDouble();
    }

    static Coordinate point(JsonNode feature) {
        JsonNode c = feature.path("geometry").path("coordinates");
        return new Coordinate(c.get(0).asDouble(), c.get(1).asDouble());
    }

    /** Every position of a feature's geometry, whatever its type. */
    static List<Coordinate> positions(JsonNode feature) {
        List<Coordinate> out = new ArrayList<>();
        collect(feature.path("geometry").path("coordinates"), out);
        return out;
    }

    private static void collect(JsonNode node, List<Coordinate> out) {
        if (node.isArray() && node.size() == 2 && node.get(0).isNumber()) {
            out.add(new Coordinate(node.get(0).asDouble(), node.get(1).asDouble()));
        } else {
            node.forEach(child -> collect(child, out));
        }
    }

    /** The lines of a (Multi)LineString feature, projected to metres east/north of {@code origin}. */
    static List<LineString> linesInMetres(JsonNode feature, Coordinate origin) {
        LocalMetres local = LocalMetres.at(origin.y);
        GeometryFactory factory = new GeometryFactory();
        JsonNode geometry = feature.path("geometry");
        List<JsonNode> parts = new ArrayList<>();
        if ("MultiLineString".equals(geometry.path("type").asText())) {
            geometry.path("coordinates").forEach(parts::add);
        } else {
            parts.add(geometry.path("coordinates"));
        }
        List<LineString> lines = new ArrayList<>();
        for (JsonNode part : parts) {
            Coordinate[] cs = new Coordinate[part.size()];
            for (int i = 0; i < part.size(); i++) {
                double[] d = local.offset(origin, new Coordinate(part.get(i).get(0).asDouble(), part.get(i).get(1).asDouble()));
                cs[i] = new Coordinate(d[0], d[1]);
            }
            lines.add(factory.createLineString(cs));
        }
        return lines;
    }
}

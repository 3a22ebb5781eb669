package io.gridhub.feeds.geo;

import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * A GeoJSON geometry object (RFC 7946) read into JTS straight from the parsed tree, without the
 * round trip through text that JTS's own reader needs. Coordinates that are not numbers become
 * NaN, which validation then rejects with a reason, instead of failing the whole page.
 */
public final class GeoJsonGeometry {

    private final GeometryFactory factory;

    public GeoJsonGeometry(GeometryFactory factory) {
        this.factory = factory;
    }

    /** The geometry, or null when the node is missing or JSON null. */
    public Geometry read(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String type = node.path("type").asText("");
        JsonNode c = node.path("coordinates");
        return switch (type) {
            case "Point" -> point(c);
            case "MultiPoint" -> factory.createMultiPoint(points(c));
            case "LineString" -> line(c);
            case "MultiLineString" -> {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = line(c.get(i));
                }
                yield factory.createMultiLineString(lines);
            }
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> {
                Polygon[] polygons = new Polygon[c.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(c.get(i));
                }
                yield factory.createMultiPolygon(polygons);
            }
            case "GeometryCollection" -> {
                JsonNode members = node.path("geometries");
                Geometry[] parts = new Geometry[members.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = read(members.get(i));
                }
                yield factory.createGeometryCollection(parts);
            }
            default -> throw new IllegalArgumentException("unknown GeoJSON geometry type '" + type + "'");
        };
    }

    private Point point(JsonNode c) {
        return c.size() == 0 ? factory.createPoint() : factory.createPoint(coordinate(c));
    }

    private Point[] points(JsonNode c) {
        Point[] points = new Point[c.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = point(c.get(i));
        }
        return points;
    }

    private LineString line(JsonNode c) {
        return factory.createLineString(coordinates(c));
    }

    private Polygon polygon(JsonNode c) {
        if (c.size() == 0) {
            return factory.createPolygon();
        }
        LinearRing shell = ring(c.get(0));
        LinearRing[] holes = new LinearRing[c.size() - 1];
        for (int i = 1; i < c.size(); i++) {
            holes[i - 1] = ring(c.get(i));
        }
        return factory.createPolygon(shell, holes);
    }

    private LinearRing ring(JsonNode c) {
        Coordinate[] coords = coordinates(c);
        if (coords.length > 0 && coords.length < 4) {
            throw new IllegalArgumentException("polygon ring with " + coords.length + " positions (at least 4 needed)");
        }
        if (coords.length > 0 && !coords[0].equals2D(coords[coords.length - 1])) {
            throw new IllegalArgumentException("polygon ring is not closed");
        }
        return factory.createLinearRing(coords);
    }

    private Coordinate[] coordinates(JsonNode c) {
        Coordinate[] coords = new Coordinate[c.size()];
        for (int i = 0; i < coords.length; i++) {
            coords[i] = coordinate(c.get(i));
        }
        return coords;
    }

    private static Coordinate coordinate(JsonNode p) {
        return new Coordinate(number(p.get(0)), number(p.get(1)));
    }

    private static double number(JsonNode n) {
        if (n == null) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}

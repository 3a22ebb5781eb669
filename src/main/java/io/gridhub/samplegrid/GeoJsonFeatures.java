package io.gridhub.samplegrid;

import io.gridhub.samplegrid.SampleAssets.Busbar;
import io.gridhub.samplegrid.SampleAssets.DistributionTransformer;
import io.gridhub.samplegrid.SampleAssets.Feeder;
import io.gridhub.samplegrid.SampleAssets.FeederSection;
import io.gridhub.samplegrid.SampleAssets.MainTransformer;
import io.gridhub.samplegrid.SampleAssets.Pole;
import io.gridhub.samplegrid.SampleAssets.RingMainUnit;
import io.gridhub.samplegrid.SampleAssets.Substation;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * One GeoJSON Feature per asset, on one line (GeoJSONSeq, RFC 8142 without the RS character).
 * Hand-written rather than through a JSON library so that key order and number format (lon/lat
 * with 7 decimals, ≈ 1 cm) are fixed byte for byte. Property names are the grid store's column names.
 */
final class GeoJsonFeatures {

    static final int COORDINATE_DECIMALS = 7;

    private final StringBuilder out = new StringBuilder(4096);
    private boolean firstProperty;

    String substation(Substation s) {
        begin(s.sourceId(), s.geom());
        text("source_id", s.sourceId()).text("name", s.name()).number("voltage_kv", s.voltageKv());
        return end();
    }

    String mainTransformer(MainTransformer t) {
        begin(t.sourceId(), t.geom());
        text("source_id", t.sourceId()).text("name", t.name()).text("substation_ref", t.substationRef())
                .number("rated_kva", t.ratedKva());
        return end();
    }

    String busbar(Busbar b) {
        begin(b.sourceId(), b.geom());
        text("source_id", b.sourceId()).text("name", b.name()).text("substation_ref", b.substationRef())
                .text("main_transformer_ref", b.mainTransformerRef()).number("voltage_kv", b.voltageKv());
        return end();
    }

    String feeder(Feeder f) {
        begin(f.sourceId(), f.geom());
        text("source_id", f.sourceId()).text("name", f.name()).text("substation_ref", f.substationRef())
                .text("busbar_ref", f.busbarRef()).number("voltage_kv", f.voltageKv()).text("conductor", f.conductor())
                .number("rated_current_a", f.ratedCurrentA()).number("rated_kva", f.ratedKva())
                .textArray("tie_feeder_refs", f.tieFeederRefs()).number("connected_customers", f.connectedCustomers());
        return end();
    }

    String feederSection(FeederSection s) {
        begin(s.sourceId(), s.geom());
        text("source_id", s.sourceId()).text("name", s.name()).text("feeder_ref", s.feederRef())
                .text("conductor", s.conductor()).text("line_kind", s.lineKind().name());
        return end();
    }

    String pole(Pole p) {
        begin(p.sourceId(), p.geom());
        text("source_id", p.sourceId()).text("name", p.name()).text("feeder_ref", p.feederRef())
                .text("pole_number", p.poleNumber());
        return end();
    }

    String ringMainUnit(RingMainUnit r) {
        begin(r.sourceId(), r.geom());
        text("source_id", r.sourceId()).text("name", r.name()).text("kind", r.kind().name())
                .text("feeder_ref", r.feederRef()).number("total_bays", r.totalBays())
                .number("spare_bays", r.spareBays());
        return end();
    }

    String distributionTransformer(DistributionTransformer t) {
        begin(t.sourceId(), t.geom());
        text("source_id", t.sourceId()).text("name", t.name()).text("kind", t.kind().name())
                .text("ownership", t.ownership().name()).number("rated_kva", t.ratedKva())
                .text("feeder_ref", t.feederRef()).text("pole_ref", t.poleRef())
                .text("ring_main_unit_ref", t.ringMainUnitRef());
        return end();
    }

    private void begin(String id, Geometry geometry) {
        out.setLength(0);
        out.append("{\"type\":\"Feature\",\"id\":");
        quoted(id);
        out.append(",\"geometry\":");
        geometry(geometry);
        out.append(",\"properties\":{");
        firstProperty = true;
    }

    private String end() {
        out.append("}}\n");
        return out.toString();
    }

    private GeoJsonFeatures key(String key) {
        if (!firstProperty) {
            out.append(',');
        }
        firstProperty = false;
        out.append('"').append(key).append("\":");
        return this;
    }

    private GeoJsonFeatures text(String key, String value) {
        key(key);
        if (value == null) {
            out.append("null");
        } else {
            quoted(value);
        }
        return this;
    }

    private GeoJsonFeatures number(String key, double value) {
        key(key);
        FixedDecimal.appendCompact(out, value);
        return this;
    }

    private GeoJsonFeatures textArray(String key, List<String> values) {
        key(key);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quoted(values.get(i));
        }
        out.append(']');
        return this;
    }

    private void quoted(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private void geometry(Geometry g) {
        if (g instanceof Point p) {
            out.append("{\"type\":\"Point\",\"coordinates\":");
            position(p.getCoordinate());
        } else if (g instanceof LineString l) {
            out.append("{\"type\":\"LineString\",\"coordinates\":");
            positions(l.getCoordinates());
        } else if (g instanceof Polygon p) {
            out.append("{\"type\":\"Polygon\",\"coordinates\":[");
            positions(p.getExteriorRing().getCoordinates());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                out.append(',');
                positions(p.getInteriorRingN(i).getCoordinates());
            }
            out.append(']');
        } else if (g instanceof MultiLineString m) {
            out.append("{\"type\":\"MultiLineString\",\"coordinates\":[");
            for (int i = 0; i < m.getNumGeometries(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                positions(m.getGeometryN(i).getCoordinates());
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
        }
        out.append('}');
    }

    private void positions(Coordinate[] coordinates) {
        out.append('[');
        for (int i = 0; i < coordinates.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            position(coordinates[i]);
        }
        out.append(']');
    }

    private void position(Coordinate c) {
        out.append('[');
        FixedDecimal.append(out, c.x, COORDINATE_DECIMALS).append(',');
        FixedDecimal.append(out, c.y, COORDINATE_DECIMALS).append(']');
    }
}

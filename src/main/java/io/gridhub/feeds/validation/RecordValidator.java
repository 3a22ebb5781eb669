package io.gridhub.feeds.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gridhub.feeds.FeedPolicy;
import io.gridhub.feeds.mapping.MappedAsset;
import io.gridhub.feeds.mapping.MappedLoad;
import io.gridhub.feeds.mapping.RecordRejected;
import io.gridhub.geo.ServiceArea;
import io.gridhub.grid.AssetField;
import io.gridhub.grid.AssetSchema;
import io.gridhub.grid.AssetType;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.linemerge.LineMerger;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * Checks a mapped record against the store's rules and the configured policy, and brings its
 * geometry into the shape the table declares (a one-part MultiPoint becomes a Point, a LineString
 * feeder a MultiLineString). Throws {@link RecordRejected} with the first reason found.
 */
public final class RecordValidator {

    /** Code lists of the store's CHECK constraints (V1). */
    private static final Map<String, Set<String>> CODES = Map.of(
            "kind", Set.of("RING_MAIN_UNIT", "SWITCHING_STATION", "CABLE_BRANCH_BOX", "POLE_MOUNTED", "BOX_TYPE"),
            "ownership", Set.of("PUBLIC", "DEDICATED"),
            "line_kind", Set.of("OVERHEAD", "CABLE"));
    private static final Set<String> KIND_RMU = Set.of("RING_MAIN_UNIT", "SWITCHING_STATION", "CABLE_BRANCH_BOX");
    private static final Set<String> KIND_DT = Set.of("POLE_MOUNTED", "BOX_TYPE");
    /** Fields the store requires to be greater than zero; the others must not be negative. */
    private static final Set<String> POSITIVE = Set.of("rated_kva", "voltage_kv", "rated_current_a", "total_bays");

    private final FeedPolicy policy;
    private final ServiceArea serviceArea;
    private final GeometryFactory factory = new GeometryFactory();

    public RecordValidator(FeedPolicy policy, ServiceArea serviceArea) {
        this.policy = policy;
        this.serviceArea = serviceArea;
    }

    /** The record, its geometry normalised to the table's type; or {@link RecordRejected}. */
    public MappedAsset check(MappedAsset r) {
        AssetType type = r.type();
        if (r.sourceId().length() > 200) {
            throw new RecordRejected("source id longer than 200 characters");
        }
        Geometry g = checkGeometry(type, r.geometry());
        List<AssetField> fields = AssetSchema.fields(type);
        Object[] v = r.values();
        for (int i = 0; i < fields.size(); i++) {
            AssetField f = fields.get(i);
            if (v[i] == null) {
                if (f.required()) {
                    throw new RecordRejected(f.name() + " is missing");
                }
                continue;
            }
            switch (f.type()) {
                case NUMBER, INTEGER -> checkNumber(type, f.name(), v[i] instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) v[i]);
                case TEXT -> checkCode(type, f.name(), (String) v[i]);
                default -> { }
            }
        }
        if (type == AssetType.FEEDER && r.value(fields, "rated_current_a") == null && r.value(fields, "rated_kva") == null) {
            throw new RecordRejected("a feeder needs rated_current_a or rated_kva");
        }
        if (type == AssetType.RING_MAIN_UNIT
                && ((Long) r.value(fields, "spare_bays")) > ((Long) r.value(fields, "total_bays"))) {
            throw new RecordRejected("spare_bays " + r.value(fields, "spare_bays") + " exceeds total_bays "
                    + r.value(fields, "total_bays"));
        }
        return g == r.geometry() ? r : new MappedAsset(type, r.sourceId(), r.name(), g, v, r.attributesJson());
    }

    private void checkCode(AssetType type, String field, String value) {
        Set<String> codes = CODES.get(field);
        if (codes == null) {
            return;
        }
        if (field.equals("kind")) {
            codes = type == AssetType.RING_MAIN_UNIT ? KIND_RMU : KIND_DT;
        }
        if (!codes.contains(value)) {
            throw new RecordRejected(field + " '" + value + "' is not one of " + codes
                    + " (map source codes with mapping." + field + ".values)");
        }
    }

    private void checkNumber(AssetType type, String field, BigDecimal n) {
        if (POSITIVE.contains(field) ? n.signum() <= 0 : n.signum() < 0) {
            throw new RecordRejected(field + " " + n.toPlainString() + " must be " + (POSITIVE.contains(field) ? "positive" : "zero or more"));
        }
        FeedPolicy.Range range = policy.plausibleRange(type, field);
        if (range != null && !range.contains(n.doubleValue())) {
            throw new RecordRejected(field + " " + n.toPlainString() + " is implausible for a " + type.table()
                    + " (expected " + range.min() + "–" + range.max() + ")");
        }
    }

    /** Load figures: peak not negative and plausible, power factor in (0, 1]. */
    public MappedLoad check(MappedLoad load) {
        if (load.peakKw().signum() < 0) {
            throw new RecordRejected("peak_kw " + load.peakKw().toPlainString() + " is negative");
        }
        FeedPolicy.Range range = policy.plausibleRange(load.assetType(), "peak_kw");
        if (range != null && !range.contains(load.peakKw().doubleValue())) {
            throw new RecordRejected("peak_kw " + load.peakKw().toPlainString() + " is implausible for a "
                    + load.assetType().table() + " (expected " + range.min() + "–" + range.max() + ")");
        }
        if (load.powerFactor() != null && (load.powerFactor().signum() <= 0 || load.powerFactor().compareTo(BigDecimal.ONE) > 0)) {
            throw new RecordRejected("power factor " + load.powerFactor().toPlainString() + " is not in (0, 1]");
        }
        return load;
    }

    private Geometry checkGeometry(AssetType type, Geometry g) {
        if (g == null) {
            if (AssetSchema.geometryOptional(type)) {
                return null;
            }
            throw new RecordRejected("geometry is missing");
        }
        if (g.isEmpty()) {
            throw new RecordRejected("geometry is empty");
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                throw new RecordRejected("geometry has a coordinate that is not a number (" + c.x + ", " + c.y + ")");
            }
        }
        Geometry shaped = shape(type, g);
        if (shaped instanceof LineString line && !line.isSimple()) {
            throw new RecordRejected("line intersects itself");
        }
        if (shaped instanceof MultiLineString lines) {
            for (int i = 0; i < lines.getNumGeometries(); i++) {
                if (!lines.getGeometryN(i).isSimple()) {
                    throw new RecordRejected("line part " + (i + 1) + " intersects itself");
                }
            }
        }
        if (shaped instanceof Polygonal) {
            IsValidOp valid = new IsValidOp(shaped);
            if (!valid.isValid()) {
                throw new RecordRejected("invalid polygon: " + valid.getValidationError().getMessage()
                        + " at " + valid.getValidationError().getCoordinate());
            }
        }
        Envelope e = shaped.getEnvelopeInternal();
        if (!serviceArea.contains(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())) {
            throw new RecordRejected(String.format(java.util.Locale.ROOT,
                    "geometry (%.5f, %.5f – %.5f, %.5f) lies outside the service area %s (wrong CRS?)",
                    e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), serviceArea));
        }
        shaped.setSRID(4490);
        return shaped;
    }

    /** The geometry as the table declares it, or a reason. */
    private Geometry shape(AssetType type, Geometry g) {
        switch (type) {
            case POLE, RING_MAIN_UNIT, DISTRIBUTION_TRANSFORMER, MAIN_TRANSFORMER -> {
                if (g instanceof Point) {
                    return g;
                }
                if (g instanceof MultiPoint mp && mp.getNumGeometries() == 1) {
                    return mp.getGeometryN(0);
                }
                throw new RecordRejected("expected a Point, got " + g.getGeometryType());
            }
            case FEEDER -> {
                if (g instanceof MultiLineString) {
                    return g;
                }
                if (g instanceof LineString l) {
                    return factory.createMultiLineString(new LineString[] {l});
                }
                throw new RecordRejected("expected a LineString or MultiLineString, got " + g.getGeometryType());
            }
            case FEEDER_SECTION -> {
                if (g instanceof LineString) {
                    return g;
                }
                if (g instanceof MultiLineString m) {
                    LineMerger merger = new LineMerger();
                    merger.add(m);
                    @SuppressWarnings("unchecked")
                    java.util.Collection<LineString> merged = merger.getMergedLineStrings();
                    if (merged.size() == 1) {
                        return merged.iterator().next();
                    }
                }
                throw new RecordRejected("expected one connected LineString, got " + g.getGeometryType()
                        + " of " + g.getNumGeometries() + " parts");
            }
            default -> {
                return g;
            }
        }
    }
}

package io.gridhub.register;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.feeds.mapping.FieldMapping;
import io.gridhub.feeds.mapping.RecordRejected;
import io.gridhub.feeds.mapping.Unit;
import io.gridhub.feeds.source.SourceAttributes;
import io.gridhub.feeds.source.SourceRecord;
import io.gridhub.geo.ServiceArea;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Turns one source record of a customer feed into a {@link Customer}, or refuses it with the reason
 * the quarantine keeps: the same rules as the grid feeds (required fields, known codes, plausible
 * ratings, finite coordinates inside the service area), applied to the register's fields.
 *
 * <p>Without a mapping a field is read from the attribute of its own name; {@code mapping.<field>}
 * names another attribute, a constant ({@code value}), a code list ({@code codes}) and, for
 * {@code contracted_kva}, the source's unit ({@code kVA}, {@code MVA}, {@code VA}).
 */
public final class CustomerMapper {

    /** The register fields a mapping may name. */
    public static final Set<String> FIELDS = Set.of("customer_no", "name", "meter_no", "address", "usage_category",
            "contracted_kva", "status", "service_unit", "transformer_area", "transformer_ref", "feeder_ref", "lon", "lat");

    private static final List<String> LON = List.of("lon", "lng", "longitude", "x", "经度");
    private static final List<String> LAT = List.of("lat", "latitude", "y", "纬度");
    /** A number as exports write it, bounded so that no text can make a huge BigDecimal. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d{1,15}(\\.\\d{1,9})?");
    private static final int MAX_TEXT = 500;

    private final Map<String, FieldMapping> mapping;
    private final SourceCrs crs;
    private final ServiceArea serviceArea;
    private final BigDecimal maxContractedKva;
    private final double capacityFactor;

    public CustomerMapper(Map<String, FieldMapping> mapping, SourceCrs crs, ServiceArea serviceArea, BigDecimal maxContractedKva) {
        for (String field : mapping.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("'" + field + "' is not a customer register field; fields: " + FIELDS);
            }
        }
        this.mapping = mapping;
        this.crs = crs;
        this.serviceArea = serviceArea;
        this.maxContractedKva = maxContractedKva;
        FieldMapping capacity = mapping.get("contracted_kva");
        if (capacity != null && capacity.unit() != null) {
            Unit unit = Unit.parse(capacity.unit()).filter(u -> u.quantity() == Unit.Quantity.APPARENT_POWER)
                    .orElseThrow(() -> new IllegalArgumentException("contracted_kva: unit '" + capacity.unit()
                            + "' is not a unit of apparent power (kVA, MVA, VA)"));
            capacityFactor = unit.toHub();
        } else {
            capacityFactor = 1;
        }
    }

    /** The customer number of a record, if it has one (for the quarantine record). */
    public String customerNoOf(SourceRecord record) {
        try {
            return text(record.attributes(), "customer_no");
        } catch (RecordRejected e) {
            return null;
        }
    }

    public Customer map(SourceRecord record) {
        SourceAttributes a = record.attributes();
        String customerNo = required(a, "customer_no");
        if (customerNo.length() > 64) {
            throw new RecordRejected("customer_no is longer than 64 characters");
        }
        String categoryText = required(a, "usage_category");
        UsageCategory category = UsageCategory.parse(categoryText).orElseThrow(() -> new RecordRejected(
                "usage_category '" + categoryText + "' is not one of RESIDENTIAL (居民生活), GENERAL_COMMERCIAL (一般工商业),"
                        + " LARGE_INDUSTRY (大工业), AGRICULTURE (农业生产)"));
        String statusText = required(a, "status");
        CustomerStatus status = CustomerStatus.parse(statusText).orElseThrow(() -> new RecordRejected(
                "status '" + statusText + "' is not one of ACTIVE (正常), SUSPENDED (暂停), CLOSED (销户)"));
        BigDecimal kva = number(required(a, "contracted_kva"), "contracted_kva")
                .multiply(BigDecimal.valueOf(capacityFactor)).setScale(1, RoundingMode.HALF_UP);
        if (kva.signum() <= 0) {
            throw new RecordRejected("contracted_kva " + kva.toPlainString() + " is not positive");
        }
        if (kva.compareTo(maxContractedKva) > 0) {
            throw new RecordRejected("contracted_kva " + kva.toPlainString() + " is above the plausible "
                    + maxContractedKva.toPlainString() + " kVA (hub.register.max-contracted-kva)");
        }
        String transformerRef = text(a, "transformer_ref");
        if (transformerRef == null && status != CustomerStatus.CLOSED) {
            throw new RecordRejected("transformer_ref is missing: a customer in supply is assigned to a transformer");
        }
        double[] lonLat = location(record);
        return new Customer(customerNo, text(a, "name"), text(a, "meter_no"), text(a, "address"), category, kva, status,
                text(a, "service_unit"), text(a, "transformer_area"), transformerRef, text(a, "feeder_ref"),
                lonLat == null ? null : lonLat[0], lonLat == null ? null : lonLat[1]);
    }

    private double[] location(SourceRecord record) {
        double x;
        double y;
        Geometry g = record.geometry();
        if (g != null && !g.isEmpty()) {
            if (!(g instanceof Point p)) {
                throw new RecordRejected("location is a " + g.getGeometryType() + ", expected a Point");
            }
            x = p.getX();
            y = p.getY();
        } else {
            String lon = coordinate(record.attributes(), "lon", LON);
            String lat = coordinate(record.attributes(), "lat", LAT);
            if (lon == null && lat == null) {
                return null;
            }
            if (lon == null || lat == null) {
                throw new RecordRejected("location has only one coordinate");
            }
            x = number(lon, "lon").doubleValue();
            y = number(lat, "lat").doubleValue();
        }
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new RecordRejected("location is not finite");
        }
        double[] p = crs.toCgcs2000(x, y);
        if (!serviceArea.contains(p[0], p[1])) {
            throw new RecordRejected("location " + p[0] + ", " + p[1] + " (EPSG:4490) is outside the service area "
                    + serviceArea + " (wrong CRS?)");
        }
        return p;
    }

    private String coordinate(SourceAttributes a, String field, List<String> names) {
        if (mapping.containsKey(field)) {
            return text(a, field);
        }
        for (String n : names) {
            Object v = a.get(n);
            if (v != null && !v.toString().isBlank()) {
                return v.toString().trim();
            }
        }
        return null;
    }

    private String required(SourceAttributes a, String field) {
        String v = text(a, field);
        if (v == null) {
            FieldMapping m = mapping.get(field);
            String from = m == null || m.from() == null ? field : m.from();
            throw new RecordRejected(field + " is missing" + (from.equals(field) ? "" : " (source attribute " + from + ")"));
        }
        return v;
    }

    private String text(SourceAttributes a, String field) {
        FieldMapping m = mapping.get(field);
        Object raw = a.get(m == null || m.from() == null ? field : m.from());
        String v = raw == null ? null : raw instanceof Double d && d == Math.rint(d) && !d.isInfinite()
                ? Long.toString(d.longValue()) : raw.toString().trim();
        if ((v == null || v.isEmpty()) && m != null && m.value() != null) {
            v = m.value();
        }
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.length() > MAX_TEXT) {
            throw new RecordRejected(field + " is longer than " + MAX_TEXT + " characters");
        }
        if (m != null) {
            v = m.codeMap().getOrDefault(v, v);
        }
        return v;
    }

    static BigDecimal number(String text, String field) {
        String s = text.replace(",", "").replace(" ", "");
        if (!NUMBER.matcher(s).matches()) {
            throw new RecordRejected(field + " '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "' is not a number");
        }
        return new BigDecimal(s);
    }
}

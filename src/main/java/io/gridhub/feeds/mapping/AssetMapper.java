package io.gridhub.feeds.mapping;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.feeds.source.ControlCharacters;
import io.gridhub.feeds.source.SourceAttributes;
import io.gridhub.feeds.source.SourceRecord;
import io.gridhub.grid.AssetField;
import io.gridhub.grid.AssetSchema;
import io.gridhub.grid.AssetType;
import org.locationtech.jts.geom.Geometry;

/**
 * Maps source records of one asset type onto the store's fields for one feed: attribute lookup
 * (configured name or the hub field's own name, any case), numbers from text, unit conversion to
 * kVA / kW / kV / A, code lists, and the source CRS to EPSG:4490. Source attributes the mapping
 * did not use are kept as JSON. One instance per run and type (not thread-safe: holds the CRS).
 */
public final class AssetMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal SQRT3 = new BigDecimal("1.7320508075688772");

    private final AssetType type;
    private final List<AssetField> fields;
    private final FieldMapping sourceId;
    private final FieldMapping name;
    private final FieldMapping[] mappings;
    private final SourceCrs crs;
    private final Set<String> usedAttributes = new HashSet<>();

    public AssetMapper(AssetType type, Map<String, FieldMapping> configured, SourceCrs crs) {
        this.type = type;
        this.fields = AssetSchema.fields(type);
        this.crs = crs;
        this.sourceId = resolve(configured, "source_id");
        this.name = resolve(configured, "name");
        this.mappings = new FieldMapping[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            mappings[i] = resolve(configured, fields.get(i).name());
            checkUnit(fields.get(i).name(), mappings[i]);
        }
        for (String key : configured.keySet()) {
            if (!key.equals("source_id") && !key.equals("name") && !LoadMapper.isLoadKey(key)
                    && fields.stream().noneMatch(f -> f.name().equals(key))) {
                throw new IllegalArgumentException("mapping names '" + key + "', which is not a field of "
                        + type.table() + "; fields: source_id, name, "
                        + fields.stream().map(AssetField::name).toList());
            }
        }
    }

    private FieldMapping resolve(Map<String, FieldMapping> configured, String field) {
        FieldMapping m = configured.getOrDefault(field, FieldMapping.of(field));
        String from = m.from() == null ? field : m.from();
        usedAttributes.add(from.toLowerCase(java.util.Locale.ROOT));
        if (m.unitFrom() != null) {
            usedAttributes.add(m.unitFrom().toLowerCase(java.util.Locale.ROOT));
        }
        if (m.voltageFrom() != null) {
            usedAttributes.add(m.voltageFrom().toLowerCase(java.util.Locale.ROOT));
        }
        return m.from() == null ? new FieldMapping(field, m.unit(), m.unitFrom(), m.voltageKv(), m.voltageFrom(),
                m.value(), m.codes()) : m;
    }

    /** A configured unit must be known and fit the field's quantity: a configuration error otherwise. */
    private static void checkUnit(String field, FieldMapping m) {
        if (m.unit() == null) {
            return;
        }
        Unit unit = Unit.parse(m.unit()).orElseThrow(() -> new IllegalArgumentException(
                "mapping of " + field + ": unknown unit '" + m.unit() + "'"));
        Unit.Quantity target = Unit.quantityOfField(field);
        if (target == null) {
            throw new IllegalArgumentException("mapping of " + field + ": the field carries no unit");
        }
        boolean currentToPower = unit.quantity() == Unit.Quantity.CURRENT && target == Unit.Quantity.APPARENT_POWER;
        if (unit.quantity() != target && !currentToPower) {
            throw new IllegalArgumentException("mapping of " + field + ": cannot convert " + unit + " to "
                    + target.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        if (currentToPower && m.voltageKv() == null && m.voltageFrom() == null) {
            throw new IllegalArgumentException("mapping of " + field
                    + ": a current converts to kVA only at a voltage (voltage-kv or voltage-from)");
        }
    }

    public AssetType type() {
        return type;
    }

    /** The record's source id as {@link #map} reads it, or null when it has none or it cannot be read. */
    public String sourceIdOf(SourceRecord record) {
        try {
            String id = Values.text(raw(record.attributes(), sourceId));
            return id != null || record.attributes().has(sourceId.from()) ? id : record.featureId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Maps one record; throws {@link RecordRejected} with the reason when it cannot be mapped. */
    public MappedAsset map(SourceRecord record) {
        SourceAttributes a = record.attributes();
        String id = Values.text(raw(a, sourceId));
        if (id == null && !a.has(sourceId.from())) {
            id = record.featureId();
        }
        if (id == null) {
            throw new RecordRejected("source id (" + sourceId.from() + ") is missing");
        }
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(a, fields.get(i), mappings[i]);
        }
        Geometry g = record.geometry();
        if (g != null) {
            g = crs.toCgcs2000(g);
        }
        return new MappedAsset(type, id, Values.text(raw(a, name)), g, values, unmapped(a));
    }

    private static Object raw(SourceAttributes a, FieldMapping m) {
        Object v = a.get(m.from());
        if (v instanceof String s && s.isBlank()) {
            v = null;
        }
        if (v == null) {
            v = m.value();
        }
        if (v != null && !m.codeMap().isEmpty()) {
            String code = Values.text(v);
            v = m.codeMap().getOrDefault(code, code);
        }
        return v;
    }

    private Object value(SourceAttributes a, AssetField field, FieldMapping m) {
        Object v = raw(a, m);
        return switch (field.type()) {
            case TEXT -> Values.text(v);
            case INTEGER -> Values.integer(v, field.name());
            case TEXT_ARRAY -> Values.list(v);
            case NUMBER -> convert(Values.number(v, field.name()), a, field.name(), m);
        };
    }

    private BigDecimal convert(BigDecimal n, SourceAttributes a, String field, FieldMapping m) {
        if (n == null) {
            return null;
        }
        String unitText = m.unitFrom() != null && Values.text(a.get(m.unitFrom())) != null
                ? Values.text(a.get(m.unitFrom())) : m.unit();
        if (unitText == null) {
            return n;
        }
        Unit unit = Unit.parse(unitText).orElseThrow(() -> new RecordRejected(
                field + ": unknown unit '" + unitText + "'"));
        Unit.Quantity target = Unit.quantityOfField(field);
        if (unit.quantity() == Unit.Quantity.CURRENT && target == Unit.Quantity.APPARENT_POWER) {
            BigDecimal kv = m.voltageFrom() != null ? Values.number(a.get(m.voltageFrom()), m.voltageFrom()) : null;
            if (kv == null && m.voltageKv() != null) {
                kv = BigDecimal.valueOf(m.voltageKv());
            }
            if (kv == null) {
                throw new RecordRejected(field + ": current given but no voltage to convert it to kVA");
            }
            // three-phase apparent power: S = √3 · U · I (kV · A = kVA)
            BigDecimal amps = n.multiply(BigDecimal.valueOf(unit.toHub()));
            return SQRT3.multiply(kv, MathContext.DECIMAL64).multiply(amps, MathContext.DECIMAL64);
        }
        if (unit.quantity() != target) {
            throw new RecordRejected(field + ": unit " + unit + " does not measure "
                    + (target == null ? "this field" : target.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return unit.toHub() == 1 ? n : n.multiply(BigDecimal.valueOf(unit.toHub()), MathContext.DECIMAL64);
    }

    /** Source values without control characters (jsonb refuses a NUL even escaped). */
    private static Object cleaned(Object v) {
        if (v instanceof String s) {
            return ControlCharacters.strip(s);
        }
        if (v instanceof List<?> items) {
            return items.stream().map(AssetMapper::cleaned).toList();
        }
        return v;
    }

    private String unmapped(SourceAttributes a) {
        if (a.size() <= usedAttributes.size() && usedAttributes.containsAll(a.keys())) {
            return "{}";
        }
        ObjectNode extra = JSON.createObjectNode();
        for (String key : a.keys()) {
            if (!usedAttributes.contains(key)) {
                extra.putPOJO(ControlCharacters.strip(a.originalName(key)), cleaned(a.get(key)));
            }
        }
        try {
            return JSON.writeValueAsString(extra);
        } catch (JsonProcessingException e) {
            throw new RecordRejected("attributes cannot be kept: " + e.getOriginalMessage());
        }
    }
}

package io.gridhub.feeds.mapping;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import io.gridhub.feeds.source.SourceAttributes;
import io.gridhub.feeds.source.SourceRecord;
import io.gridhub.grid.AssetType;

/**
 * Maps production-MIS load rows onto {@link MappedLoad}. Defaults follow the MIS monthly export
 * (SBBM 设备编码, SBLX 设备类型 PB/XL/ZB, TJYF 统计月份 yyyy-MM, ZDFH_KW 最大负荷, GLYS 功率因数,
 * CJSJ 采集时间 in China Standard Time when it carries no offset); every one can be remapped under
 * the feed's {@code mapping} with the keys asset_ref, asset_type, period, peak_kw, power_factor,
 * measured_at.
 */
public final class LoadMapper {

    private static final Map<String, String> DEFAULT_TYPE_CODES = Map.of(
            "PB", "DISTRIBUTION_TRANSFORMER", "XL", "FEEDER", "ZB", "MAIN_TRANSFORMER",
            "配变", "DISTRIBUTION_TRANSFORMER", "线路", "FEEDER", "主变", "MAIN_TRANSFORMER");
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final FieldMapping ref;
    private final FieldMapping type;
    private final FieldMapping period;
    private final FieldMapping peak;
    private final FieldMapping powerFactor;
    private final FieldMapping measuredAt;
    private final Map<String, String> typeCodes;

    public LoadMapper(Map<String, FieldMapping> configured) {
        for (String key : configured.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("load mapping names '" + key
                        + "'; expected asset_ref, asset_type, period, peak_kw, power_factor, measured_at");
            }
        }
        ref = configured.getOrDefault("asset_ref", FieldMapping.of("SBBM"));
        type = configured.getOrDefault("asset_type", FieldMapping.of("SBLX"));
        period = configured.getOrDefault("period", FieldMapping.of("TJYF"));
        peak = configured.getOrDefault("peak_kw", FieldMapping.of("ZDFH_KW"));
        powerFactor = configured.getOrDefault("power_factor", FieldMapping.of("GLYS"));
        measuredAt = configured.getOrDefault("measured_at", FieldMapping.of("CJSJ"));
        if (peak.unit() != null) {
            Unit u = Unit.parse(peak.unit()).orElseThrow(() -> new IllegalArgumentException(
                    "load mapping of peak_kw: unknown unit '" + peak.unit() + "'"));
            if (u.quantity() != Unit.Quantity.ACTIVE_POWER) {
                throw new IllegalArgumentException("load mapping of peak_kw: " + u + " is not active power");
            }
        }
        typeCodes = new HashMap<>(DEFAULT_TYPE_CODES);
        typeCodes.putAll(type.codeMap());
    }

    private static final java.util.Set<String> KEYS =
            java.util.Set.of("asset_ref", "asset_type", "period", "peak_kw", "power_factor", "measured_at");

    /** Whether a mapping key maps a load field. */
    public static boolean isLoadKey(String key) {
        return KEYS.contains(key);
    }

    /** The load keys of a mapping that also maps assets (a file feed carrying both). */
    public static Map<String, FieldMapping> loadKeysOf(Map<String, FieldMapping> mapping) {
        Map<String, FieldMapping> out = new HashMap<>(mapping);
        out.keySet().retainAll(KEYS);
        return out;
    }

    public MappedLoad map(SourceRecord record) {
        SourceAttributes a = record.attributes();
        String assetRef = Values.text(a.get(ref.from()));
        if (assetRef == null) {
            throw new RecordRejected("asset reference (" + ref.from() + ") is missing");
        }
        String code = Values.text(a.get(type.from()));
        if (code == null) {
            code = type.value();
        }
        if (code == null) {
            throw new RecordRejected("equipment type (" + type.from() + ") is missing");
        }
        String typeName = typeCodes.getOrDefault(code, code);
        AssetType assetType;
        try {
            assetType = AssetType.parse(typeName);
        } catch (IllegalArgumentException e) {
            throw new RecordRejected("unknown equipment type code '" + code + "'");
        }
        if (assetType != AssetType.DISTRIBUTION_TRANSFORMER && assetType != AssetType.FEEDER
                && assetType != AssetType.MAIN_TRANSFORMER) {
            throw new RecordRejected("loads are measured on transformers and feeders, not " + assetType);
        }
        YearMonth month = month(Values.text(a.get(period.from())));
        BigDecimal kw = Values.number(a.get(peak.from()), "peak_kw");
        if (kw == null) {
            throw new RecordRejected("peak load (" + peak.from() + ") is missing");
        }
        String unitText = peak.unitFrom() != null && a.get(peak.unitFrom()) != null
                ? Values.text(a.get(peak.unitFrom())) : peak.unit();
        if (unitText != null) {
            Unit u = Unit.parse(unitText).filter(x -> x.quantity() == Unit.Quantity.ACTIVE_POWER)
                    .orElseThrow(() -> new RecordRejected("peak_kw: unknown unit '" + unitText + "'"));
            kw = kw.multiply(BigDecimal.valueOf(u.toHub()), MathContext.DECIMAL64);
        }
        BigDecimal pf = Values.number(a.get(powerFactor.from()), "power_factor");
        String at = Values.text(a.get(measuredAt.from()));
        return new MappedLoad(assetType, assetRef, month.atDay(1), month.atEndOfMonth(), kw, pf,
                at == null ? null : instant(at));
    }

    private YearMonth month(String text) {
        if (text == null) {
            throw new RecordRejected("period (" + period.from() + ") is missing");
        }
        String t = text.trim();
        try {
            if (t.matches("\\d{4}-\\d{1,2}")) {
                String[] p = t.split("-");
                return YearMonth.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
            }
            if (t.matches("\\d{6}")) {
                return YearMonth.of(Integer.parseInt(t.substring(0, 4)), Integer.parseInt(t.substring(4)));
            }
            if (t.matches("\\d{4}年\\d{1,2}月")) {
                return YearMonth.of(Integer.parseInt(t.substring(0, 4)),
                        Integer.parseInt(t.substring(5, t.length() - 1)));
            }
            return YearMonth.from(LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t));
        } catch (RuntimeException e) {
            throw new RecordRejected("period '" + t + "' is not a month (yyyy-MM)");
        }
    }

    private static Instant instant(String text) {
        String t = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).atOffset(CHINA).toInstant();
            } catch (DateTimeParseException e2) {
                throw new RecordRejected("measured_at '" + text + "' is not a timestamp");
            }
        }
    }
}

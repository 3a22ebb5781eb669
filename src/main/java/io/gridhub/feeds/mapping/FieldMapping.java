package io.gridhub.feeds.mapping;

import java.util.Map;

/**
 * Where one hub field comes from in the source, as configured under
 * {@code hub.feeds.<id>.mapping.<hub-field>}. A plain string is shorthand for {@code from}.
 *
 * @param from source attribute name (case-insensitive)
 * @param unit unit of the source value (kVA, MVA, kW, MW, W, kV, V, A, kA); A converts to kVA at a voltage
 * @param unitFrom source attribute naming the unit record by record (a value outside the known units quarantines the record)
 * @param voltageKv line voltage for a current → kVA conversion
 * @param voltageFrom source attribute holding that voltage in kV
 * @param value constant used when the source has no value
 * @param codes source code → hub value pairs, {@code "柱上变=POLE_MOUNTED, 箱变=BOX_TYPE"} (a string, because
 *              configuration keys cannot hold Chinese); codes not listed pass through unchanged
 */
public record FieldMapping(String from, String unit, String unitFrom, Double voltageKv, String voltageFrom,
                           String value, String codes) {

    public FieldMapping {
        codeMap(codes); // fails on a malformed list at binding time
    }

    /** The code list as a map. */
    public Map<String, String> codeMap() {
        return codeMap(codes);
    }

    private static Map<String, String> codeMap(String codes) {
        if (codes == null || codes.isBlank()) {
            return Map.of();
        }
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String pair : codes.split("[,，;]")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("codes: expected code=VALUE pairs, got '" + pair.trim() + "'");
            }
            map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return Map.copyOf(map);
    }

    /** The shorthand form: the attribute name only. */
    public static FieldMapping of(String from) {
        return new FieldMapping(from, null, null, null, null, null, null);
    }
}

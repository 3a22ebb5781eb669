package io.gridhub.siting;

import java.util.Arrays;
import java.util.Locale;

/**
 * Coordinate systems a site may be given in. CGCS2000 (EPSG:4490) is what the grid store holds;
 * WGS84 (EPSG:4326) is within centimetres of it and taken as is; GCJ-02 (Amap, Tencent) and
 * BD-09 (Baidu), which phone apps in China report, are offset by hundreds of metres and converted.
 */
public enum SiteCrs {
    EPSG_4490("EPSG:4490"),
    EPSG_4326("EPSG:4326"),
    GCJ_02("GCJ-02"),
    BD_09("BD-09");

    private final String code;

    SiteCrs(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Reads "EPSG:4490", "4326", "gcj02", "GCJ-02", "BD-09"…; null or blank is EPSG:4490. */
    public static SiteCrs parse(String text) {
        if (text == null || text.isBlank()) {
            return EPSG_4490;
        }
        String t = text.trim().toUpperCase(Locale.ROOT).replace("_", "").replace("-", "").replace(":", "");
        return switch (t) {
            case "EPSG4490", "4490", "CGCS2000" -> EPSG_4490;
            case "EPSG4326", "4326", "WGS84" -> EPSG_4326;
            case "GCJ02" -> GCJ_02;
            case "BD09", "BD09LL" -> BD_09;
            default -> throw new IllegalArgumentException("unknown coordinate system '" + text + "'; expected one of "
                    + Arrays.stream(values()).map(SiteCrs::code).toList());
        };
    }
}

package io.gridhub.siting;

import io.gridhub.geo.CrsName;

/**
 * Coordinate systems a site may be given in. CGCS2000 (EPSG:4490) is what the grid store holds;
 * WGS84 (EPSG:4326) is within centimetres of it and taken as is; GCJ-02 (Amap, Tencent) and
 * BD-09 (Baidu), which phone apps in China report, are offset by hundreds of metres and converted.
 * Names are read by {@link CrsName#parse}, the parser feeds use too.
 */
public enum SiteCrs {
    EPSG_4490(CrsName.EPSG_4490),
    EPSG_4326(CrsName.EPSG_4326),
    GCJ_02(CrsName.GCJ_02),
    BD_09(CrsName.BD_09);

    private final CrsName name;

    SiteCrs(CrsName name) {
        this.name = name;
    }

    public String code() {
        return name.code();
    }

    /** Reads "EPSG:4490", "4326", "gcj02", "GCJ-02", "BD-09"…; null or blank is EPSG:4490. */
    public static SiteCrs parse(String text) {
        if (text == null || text.isBlank()) {
            return EPSG_4490;
        }
        CrsName crs = CrsName.parse(text);
        for (SiteCrs s : values()) {
            if (s.name == crs) {
                return s;
            }
        }
        throw new IllegalArgumentException("coordinate system '" + text + "' is not accepted for a site; expected one of "
                + java.util.Arrays.stream(values()).map(SiteCrs::code).toList());
    }
}

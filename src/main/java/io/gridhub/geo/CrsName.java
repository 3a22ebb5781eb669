package io.gridhub.geo;

import java.util.Arrays;
import java.util.Locale;

/**
 * The coordinate reference systems (坐标系) GridHub knows by name, and the one parser of their
 * names, so that a feed's {@code crs} and a site's {@code crs} accept the same spellings. Which
 * of them a caller supports is the caller's decision (feeds read the Gauss–Krüger zones, sites
 * the consumer-map offsets); the names are decided here.
 */
public enum CrsName {
    /** CGCS2000 geographic lon/lat, what the grid store holds. */
    EPSG_4490("EPSG:4490"),
    /** WGS84 lon/lat, within centimetres of CGCS2000. */
    EPSG_4326("EPSG:4326"),
    /** CGCS2000 / 3-degree Gauss–Krüger CM 108°E (Ordos west). */
    EPSG_4545("EPSG:4545"),
    /** CGCS2000 / 3-degree Gauss–Krüger CM 111°E (Ordos east). */
    EPSG_4546("EPSG:4546"),
    /** GCJ-02 (火星坐标): Amap, Tencent. */
    GCJ_02("GCJ-02"),
    /** BD-09 (百度坐标): Baidu. */
    BD_09("BD-09");

    private final String code;

    CrsName(String code) {
        this.code = code;
    }

    /** The canonical name, e.g. {@code EPSG:4490} or {@code GCJ-02}. */
    public String code() {
        return code;
    }

    /**
     * Reads a CRS name, case-insensitive and with or without separators: {@code EPSG:4490},
     * {@code 4490}, {@code CGCS2000}, {@code EPSG:4326}, {@code WGS84}, {@code CRS84},
     * {@code EPSG:4545}, {@code EPSG:4546}, {@code GCJ-02}, {@code gcj02}, {@code BD-09},
     * {@code BD09LL}, OGC URNs ({@code urn:ogc:def:crs:EPSG::4545}) and URIs
     * ({@code http://www.opengis.net/def/crs/EPSG/0/4490}).
     *
     * @throws IllegalArgumentException naming the text and the names known, when it is none of them
     */
    public static CrsName parse(String text) {
        String n = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (n.startsWith("URN:OGC:DEF:CRS:EPSG:") || n.contains("/DEF/CRS/EPSG/")) {
            n = "EPSG" + n.substring(Math.max(n.lastIndexOf(':'), n.lastIndexOf('/')) + 1);
        } else if (n.endsWith("CRS84")) {
            n = "CRS84";
        }
        n = n.replaceAll("[\\s_:\\-]", "");
        if (n.matches("\\d+")) {
            n = "EPSG" + n;
        }
        return switch (n) {
            case "EPSG4490", "CGCS2000" -> EPSG_4490;
            case "EPSG4326", "WGS84", "CRS84" -> EPSG_4326;
            case "EPSG4545" -> EPSG_4545;
            case "EPSG4546" -> EPSG_4546;
            case "GCJ02" -> GCJ_02;
            case "BD09", "BD09LL" -> BD_09;
            default -> throw new IllegalArgumentException("unknown coordinate system '" + text + "'; expected one of "
                    + Arrays.stream(values()).map(CrsName::code).toList());
        };
    }
}

package io.gridhub.geo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The area the hub serves (供电区域), a lon/lat box in EPSG:4490: feed records must lie in it (a
 * record outside is quarantined, usually a wrong CRS) and siting answers only for sites in it (a
 * 400 on lon or lat otherwise). One setting for both, keys {@code hub.service-area.*}; the default
 * is Ordos with a margin.
 */
@ConfigurationProperties("hub.service-area")
public record ServiceArea(double minLon, double minLat, double maxLon, double maxLat) {

    public ServiceArea {
        if (!(minLon < maxLon && minLat < maxLat && minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90)) {
            throw new IllegalArgumentException("hub.service-area must be min-lon < max-lon within -180..180 and"
                    + " min-lat < max-lat within -90..90, got " + this);
        }
    }

    public boolean contains(double lon, double lat) {
        return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
    }

    /** Whether a box (minLon, minLat, maxLon, maxLat) lies wholly inside. */
    public boolean contains(double boxMinLon, double boxMinLat, double boxMaxLon, double boxMaxLat) {
        return contains(boxMinLon, boxMinLat) && contains(boxMaxLon, boxMaxLat);
    }

    @Override
    public String toString() {
        return "[" + minLon + ", " + minLat + ", " + maxLon + ", " + maxLat + "]";
    }
}

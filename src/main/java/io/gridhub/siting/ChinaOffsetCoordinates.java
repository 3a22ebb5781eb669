package io.gridhub.siting;

import io.gridhub.geo.Gcj02;

/**
 * Brings a site given in a consumer-map CRS back to CGCS2000 lon/lat: GCJ-02 and BD-09 offsets are
 * removed (see {@link Gcj02}); EPSG:4326 is taken as EPSG:4490, within centimetres.
 */
public final class ChinaOffsetCoordinates {

    private ChinaOffsetCoordinates() {
    }

    /** lon/lat in WGS84 (≈ CGCS2000) of a point given in {@code crs}. */
    public static double[] toCgcs2000(SiteCrs crs, double lon, double lat) {
        return switch (crs) {
            case EPSG_4490, EPSG_4326 -> new double[] {lon, lat};
            case GCJ_02 -> Gcj02.toWgs84(lon, lat);
            case BD_09 -> {
                double[] gcj = Gcj02.fromBd09(lon, lat);
                yield Gcj02.toWgs84(gcj[0], gcj[1]);
            }
        };
    }
}

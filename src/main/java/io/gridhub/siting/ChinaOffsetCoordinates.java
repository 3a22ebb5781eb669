package io.gridhub.siting;

/**
 * Removes the GCJ-02 and BD-09 offsets of Chinese consumer maps. GCJ-02 is a published forward
 * formula from WGS84; its inverse is found by fixed-point iteration to 1e-9° (about 0.1 mm).
 * Outside China the offset is not applied by the map providers, so none is removed.
 */
public final class ChinaOffsetCoordinates {

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    private ChinaOffsetCoordinates() {
    }

    /** lon/lat in WGS84 (≈ CGCS2000) of a point given in {@code crs}. */
    public static double[] toCgcs2000(SiteCrs crs, double lon, double lat) {
        return switch (crs) {
            case EPSG_4490, EPSG_4326 -> new double[] {lon, lat};
            case GCJ_02 -> gcj02ToWgs84(lon, lat);
            case BD_09 -> {
                double[] gcj = bd09ToGcj02(lon, lat);
                yield gcj02ToWgs84(gcj[0], gcj[1]);
            }
        };
    }

    /** The GCJ-02 forward offset of a WGS84 point. */
    public static double[] wgs84ToGcj02(double lon, double lat) {
        if (outsideChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double dLat = transformLat(lon - 105.0, lat - 35.0);
        double dLon = transformLon(lon - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {lon + dLon, lat + dLat};
    }

    public static double[] gcj02ToWgs84(double lon, double lat) {
        double wLon = lon;
        double wLat = lat;
        for (int i = 0; i < 30; i++) {
            double[] g = wgs84ToGcj02(wLon, wLat);
            double dx = lon - g[0];
            double dy = lat - g[1];
            wLon += dx;
            wLat += dy;
            if (Math.abs(dx) < 1e-10 && Math.abs(dy) < 1e-10) {
                break;
            }
        }
        return new double[] {wLon, wLat};
    }

    public static double[] bd09ToGcj02(double lon, double lat) {
        double x = lon - 0.0065;
        double y = lat - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        return new double[] {z * Math.cos(theta), z * Math.sin(theta)};
    }

    private static boolean outsideChina(double lon, double lat) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    private static double transformLat(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double transformLon(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}

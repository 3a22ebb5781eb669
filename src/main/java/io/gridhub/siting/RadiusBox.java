package io.gridhub.siting;

/**
 * A site's local frame for searching within a geodesic radius: the half-widths, in degrees, of a
 * lon/lat box (EPSG:4490) centred on the site that holds every point within the radius, and the
 * metres per degree at the site for a cheap planar estimate of distance that bounds the exact one.
 *
 * <p>The box lets a plain geometry GiST search ({@code geom && ST_Expand(site, dLon, dLat)}) miss
 * nothing an exact {@code ST_Distance} on geography would keep. Why its bounds hold on the CGCS2000
 * / GRS80 ellipsoid: a degree of latitude is never shorter than at the equator ({@code a(1 − e²)·π/180}
 * = 110,574 m), and a degree of longitude at latitude φ is never shorter than {@code a·cos φ·π/180};
 * within the box the parallel nearest the pole is the shortest. A path of length r therefore moves
 * at most r ÷ those lengths in each direction.
 *
 * <p>The estimate: {@code √((Δlon·kx)² + (Δlat·ky)²)} with the meridian and parallel lengths of a
 * degree at the site. Within the box it is off from the geodesic distance by a relative error below
 * {@code epsilon}, which comes from the parallels shortening away from the site's latitude (about
 * {@code tan φ · Δφ / 2}, counted here three times over). So of two points, one whose estimate
 * exceeds the other's by more than the factor {@link #slack()} is surely farther: the siting
 * queries rank by the estimate and measure exactly only the points the estimate cannot separate.
 *
 * @param radiusM the radius the box holds (m)
 * @param dLon half-width in longitude (degrees)
 * @param dLat half-height in latitude (degrees)
 * @param kx metres per degree of longitude at the site
 * @param ky metres per degree of latitude at the site
 * @param epsilon bound on the estimate's relative error within the box
 */
record RadiusBox(double radiusM, double dLon, double dLat, double kx, double ky, double epsilon) {

    /** GRS80 semi-major axis (m). */
    private static final double A = 6_378_137.0;
    /** GRS80 first eccentricity squared. */
    private static final double E2 = 0.006_694_380_022_90;
    /** Headroom for rounding in the box test and the distance functions. */
    private static final double MARGIN = 1.001;

    static RadiusBox around(double lat, double radiusM) {
        double metresPerDegreeLat = A * (1 - E2) * Math.PI / 180;
        double dLat = radiusM / metresPerDegreeLat * MARGIN;
        double poleward = Math.min(Math.abs(lat) + dLat, 89.9);
        double dLon = radiusM / (A * Math.cos(Math.toRadians(poleward)) * Math.PI / 180) * MARGIN;
        double phi = Math.toRadians(lat);
        double w = Math.sqrt(1 - E2 * Math.sin(phi) * Math.sin(phi));
        double ky = A * (1 - E2) / (w * w * w) * Math.PI / 180;
        double kx = A / w * Math.cos(phi) * Math.PI / 180;
        // parallels shorten by tan φ · Δφ relatively; meridian degrees vary far less (e² terms)
        double dPhi = Math.toRadians(dLat);
        double epsilon = 3 * (Math.tan(Math.toRadians(poleward)) + 0.02) * dPhi + 1e-6;
        return new RadiusBox(radiusM, Math.min(dLon, 180), dLat, kx, ky, epsilon);
    }

    /**
     * Factor by which one estimate must exceed another before its point is surely farther:
     * {@code (1 + ε) / (1 − ε)}.
     */
    double slack() {
        return (1 + epsilon) / (1 - epsilon);
    }
}

package io.gridhub.siting;

/**
 * Half-widths, in degrees, of a lon/lat box (EPSG:4490) centred on a site that holds every point
 * within a geodesic radius of it, so that a plain geometry GiST search for the box ({@code geom &&
 * ST_Expand(site, dLon, dLat)}) misses nothing an exact {@code ST_Distance} on geography would
 * keep. The box is slightly larger than the circle; the rows in it are measured exactly.
 *
 * <p>Why the bounds hold on the CGCS2000 / GRS80 ellipsoid: a degree of latitude is never shorter
 * than at the equator ({@code a(1 − e²)·π/180} = 110,574 m), and a degree of longitude at latitude
 * φ is never shorter than {@code a·cos φ·π/180}; within the box the parallel nearest the pole is
 * the shortest. A path of length r therefore moves at most r ÷ those lengths in each direction.
 *
 * @param radiusM the radius the box holds (m)
 * @param dLon half-width in longitude (degrees)
 * @param dLat half-height in latitude (degrees)
 */
record RadiusBox(double radiusM, double dLon, double dLat) {

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
        return new RadiusBox(radiusM, Math.min(dLon, 180), dLat);
    }
}

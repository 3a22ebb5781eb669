package io.gridhub.samplegrid;

import org.locationtech.jts.geom.Coordinate;

/**
 * Metre offsets around a point on the CGCS2000 ellipsoid (GRS80), by the local meridional and
 * prime-vertical radii: exact to a few parts per million over the few hundred metres a step spans,
 * which is all the generator and its tests need (feeder geometry is built step by step).
 */
public final class LocalMetres {

    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257222101;
    private static final double E2 = F * (2 - F);

    private final double metresPerDegreeLon;
    private final double metresPerDegreeLat;

    private LocalMetres(double latitude) {
        double phi = StrictMath.toRadians(latitude);
        double sin = StrictMath.sin(phi);
        double w = 1 - E2 * sin * sin;
        double primeVertical = A / StrictMath.sqrt(w);
        double meridional = A * (1 - E2) / (w * StrictMath.sqrt(w));
        this.metresPerDegreeLat = meridional * StrictMath.PI / 180;
        this.metresPerDegreeLon = primeVertical * StrictMath.cos(phi) * StrictMath.PI / 180;
    }

    /** The local scale at a latitude (degrees). */
    public static LocalMetres at(double latitude) {
        return new LocalMetres(latitude);
    }

    /** The point {@code metres} away from {@code from} on a compass bearing (degrees, 0 = north, 90 = east). */
    public Coordinate move(Coordinate from, double bearingDegrees, double metres) {
        double b = StrictMath.toRadians(bearingDegrees);
        return new Coordinate(
                from.x + metres * StrictMath.sin(b) / metresPerDegreeLon,
                from.y + metres * StrictMath.cos(b) / metresPerDegreeLat);
    }

    /** The point {@code east} and {@code north} metres away from {@code from}. */
    public Coordinate shift(Coordinate from, double east, double north) {
        return new Coordinate(from.x + east / metresPerDegreeLon, from.y + north / metresPerDegreeLat);
    }

    /** East and north metre offsets of {@code to} relative to {@code origin}. */
    public double[] offset(Coordinate origin, Coordinate to) {
        return new double[] {(to.x - origin.x) * metresPerDegreeLon, (to.y - origin.y) * metresPerDegreeLat};
    }

    /** Distance in metres between two nearby points. */
    public double distance(Coordinate a, Coordinate b) {
        double[] d = offset(a, b);
        return StrictMath.hypot(d[0], d[1]);
    }

    /** Compass bearing (degrees) from {@code a} to {@code b}. */
    public double bearing(Coordinate a, Coordinate b) {
        double[] d = offset(a, b);
        double deg = StrictMath.toDegrees(StrictMath.atan2(d[0], d[1]));
        return deg < 0 ? deg + 360 : deg;
    }
}

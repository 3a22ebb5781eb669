package io.gridhub.tiles;

import io.gridhub.api.InvalidFieldException;

/**
 * One tile of the Web Mercator (EPSG:3857) XYZ scheme the web map asks for, and the lon/lat box
 * it covers: a Mercator tile is a lon/lat rectangle, so the store's GiST index on geom (EPSG:4490,
 * within centimetres of WGS84) is searched with a plain envelope.
 *
 * @param z zoom, 0 … {@link #MAX_ZOOM}
 * @param x column, 0 … 2^z − 1, from 180°W eastwards
 * @param y row, 0 … 2^z − 1, from the north
 */
public record TileCoordinate(int z, int x, int y) {

    /** Deeper than this a tile is narrower than a metre: nothing a map asks for. */
    public static final int MAX_ZOOM = 22;

    public TileCoordinate {
        if (z < 0 || z > MAX_ZOOM) {
            throw new InvalidFieldException("z", "zoom must be 0 … " + MAX_ZOOM + ", was " + z);
        }
        int n = 1 << z;
        if (x < 0 || x >= n) {
            throw new InvalidFieldException("x", "column must be 0 … " + (n - 1) + " at zoom " + z + ", was " + x);
        }
        if (y < 0 || y >= n) {
            throw new InvalidFieldException("y", "row must be 0 … " + (n - 1) + " at zoom " + z + ", was " + y);
        }
    }

    /** The tile holding a lon/lat point at zoom z. */
    public static TileCoordinate containing(int z, double lon, double lat) {
        int n = 1 << z;
        double latRad = Math.toRadians(lat);
        int x = (int) Math.floor((lon + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2 * n);
        return new TileCoordinate(z, Math.min(Math.max(x, 0), n - 1), Math.min(Math.max(y, 0), n - 1));
    }

    /**
     * minLon, minLat, maxLon, maxLat of the tile grown by {@code margin} (a share of its width on
     * each side, for the buffer that lets lines and symbols cross tile edges without gaps).
     */
    public double[] lonLatBounds(double margin) {
        double n = 1 << z;
        double west = x / n * 360 - 180;
        double east = (x + 1) / n * 360 - 180;
        double north = lat(y / n);
        double south = lat((y + 1) / n);
        double dx = (east - west) * margin;
        double dy = (north - south) * margin;
        return new double[] {west - dx, Math.max(south - dy, -85.06), east + dx, Math.min(north + dy, 85.06)};
    }

    /** Width of the tile in degrees of longitude. */
    public double widthDegrees() {
        return 360.0 / (1 << z);
    }

    private static double lat(double rowShare) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * rowShare))));
    }

    @Override
    public String toString() {
        return z + "/" + x + "/" + y;
    }
}

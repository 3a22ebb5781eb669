package io.gridhub.feeds.geo;

import io.gridhub.geo.CrsName;
import io.gridhub.geo.Gcj02;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * A source's coordinate reference system and the conversion of its coordinates to the store's
 * EPSG:4490 (CGCS2000 lon/lat). EPSG:4326 (WGS84) is taken as EPSG:4490: the two frames agree
 * within centimetres and no published transformation between them is better than that. The
 * Gauss–Krüger zones go through Proj4J; GCJ-02 through {@link Gcj02}.
 *
 * <p>Not thread-safe (a Proj4J transform holds state): one instance per run.
 */
public final class SourceCrs {

    /** The supported systems. */
    public enum Kind { EPSG_4490, EPSG_4326, EPSG_4545, EPSG_4546, GCJ_02 }

    private static final CRSFactory CRS = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();

    private final Kind kind;
    private final CoordinateTransform toCgcs2000;
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();

    private SourceCrs(Kind kind) {
        this.kind = kind;
        this.toCgcs2000 = switch (kind) {
            case EPSG_4545, EPSG_4546 -> TRANSFORMS.createTransform(
                    CRS.createFromName(kind == Kind.EPSG_4545 ? "EPSG:4545" : "EPSG:4546"),
                    CRS.createFromName("EPSG:4490"));
            default -> null;
        };
    }

    /** Reads a CRS name: EPSG:4326, EPSG:4490, EPSG:4545, EPSG:4546, GCJ-02 (also bare codes and OGC URNs). */
    public static SourceCrs of(String name) {
        return new SourceCrs(kindOf(name));
    }

    /**
     * The kind a CRS name stands for, read by {@link CrsName#parse} (the names sites accept too);
     * throws naming the supported ones when unknown or not one a feed can be in.
     */
    public static Kind kindOf(String name) {
        CrsName crs;
        try {
            crs = CrsName.parse(name);
        } catch (IllegalArgumentException e) {
            throw unsupported(name);
        }
        return switch (crs) {
            case EPSG_4490 -> Kind.EPSG_4490;
            case EPSG_4326 -> Kind.EPSG_4326;
            case EPSG_4545 -> Kind.EPSG_4545;
            case EPSG_4546 -> Kind.EPSG_4546;
            case GCJ_02 -> Kind.GCJ_02;
            case BD_09 -> throw unsupported(name);
        };
    }

    private static IllegalArgumentException unsupported(String name) {
        return new IllegalArgumentException("unsupported source CRS '" + name
                + "'; expected EPSG:4326, EPSG:4490, EPSG:4545, EPSG:4546 or GCJ-02");
    }

    public Kind kind() {
        return kind;
    }

    /** Whether coordinates pass through unchanged. */
    public boolean isIdentity() {
        return kind == Kind.EPSG_4490 || kind == Kind.EPSG_4326;
    }

    /** Converts one coordinate pair (x = lon or easting) to EPSG:4490 lon/lat. */
    public double[] toCgcs2000(double x, double y) {
        switch (kind) {
            case EPSG_4545, EPSG_4546 -> {
                in.x = x;
                in.y = y;
                toCgcs2000.transform(in, out);
                return new double[] {out.x, out.y};
            }
            case GCJ_02 -> {
                return Gcj02.toWgs84(x, y);
            }
            default -> {
                return new double[] {x, y};
            }
        }
    }

    /** Converts a geometry in place to EPSG:4490 and sets its SRID. */
    public Geometry toCgcs2000(Geometry g) {
        if (!isIdentity()) {
            g.apply(new CoordinateSequenceFilter() {
                @Override
                public void filter(CoordinateSequence seq, int i) {
                    double[] p = toCgcs2000(seq.getX(i), seq.getY(i));
                    seq.setOrdinate(i, Coordinate.X, p[0]);
                    seq.setOrdinate(i, Coordinate.Y, p[1]);
                }

                @Override
                public boolean isDone() {
                    return false;
                }

                @Override
                public boolean isGeometryChanged() {
                    return true;
                }
            });
        }
        g.setSRID(4490);
        return g;
    }
}

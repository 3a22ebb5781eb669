package io.gridhub.feeds.sync;

import java.math.BigDecimal;
import java.util.List;

import io.gridhub.feeds.mapping.MappedAsset;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The 64-bit hash of source ids ({@link IdSet}, {@link StoreHashes}) and of a mapped record's
 * content ({@link #content}): FNV-1a over UTF-16 code units and the bits of coordinates, then the
 * murmur3 finaliser to spread the bits. Fast and not cryptographic: it only has to tell ids apart
 * within a feed and a record from its previous version, and two inputs sharing 64 bits by chance
 * is about 1 in 10^19.
 */
final class Hash64 {

    private static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    /** Marks the end of a field, and a null: "a" + "bc" and "ab" + "c" hash differently. */
    private static final long END = 0x1_0000L;
    private static final long NULL = 0x2_0000L;

    private Hash64() {
    }

    static long of(CharSequence s) {
        return finish(chars(SEED, s));
    }

    /**
     * The content hash of a mapped record: source id, name, geometry (type, SRID, parts and every
     * coordinate's bits), the mapped values (numbers by their plain decimal text, so 10 and 10.0
     * differ as they would in the store's text) and the unmapped attributes.
     */
    static long content(MappedAsset a) {
        long h = chars(SEED, a.sourceId());
        h = chars(h, a.name());
        h = geometry(h, a.geometry());
        for (Object v : a.values()) {
            h = value(h, v);
        }
        h = chars(h, a.attributesJson());
        return finish(h);
    }

    private static long value(long h, Object v) {
        if (v instanceof BigDecimal b) {
            return chars(h, b.toPlainString());
        }
        if (v instanceof List<?> items) {
            for (Object item : items) {
                h = chars(h, String.valueOf(item));
            }
            return mix(h, END + items.size());
        }
        return chars(h, v == null ? null : v.toString());
    }

    private static long geometry(long h, Geometry g) {
        if (g == null) {
            return mix(h, NULL);
        }
        h = chars(h, g.getGeometryType());
        h = mix(h, g.getSRID());
        for (int i = 0, n = g.getNumGeometries(); i < n; i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Point p) {
                h = coordinates(h, p.getCoordinateSequence());
            } else if (part instanceof LineString l) {
                h = coordinates(h, l.getCoordinateSequence());
            } else if (part instanceof Polygon p) {
                h = coordinates(h, p.getExteriorRing().getCoordinateSequence());
                for (int r = 0; r < p.getNumInteriorRing(); r++) {
                    h = coordinates(h, p.getInteriorRingN(r).getCoordinateSequence());
                }
            } else {
                h = chars(h, part.toText()); // a nested collection: rare enough to hash its text
            }
        }
        return mix(h, END);
    }

    private static long coordinates(long h, CoordinateSequence s) {
        for (int i = 0, n = s.size(); i < n; i++) {
            h = mix(h, Double.doubleToLongBits(s.getX(i)));
            h = mix(h, Double.doubleToLongBits(s.getY(i)));
        }
        return mix(h, END + s.size());
    }

    private static long chars(long h, CharSequence s) {
        if (s == null) {
            return mix(h, NULL);
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            h ^= s.charAt(i);
            h *= PRIME;
        }
        return mix(h, END);
    }

    /** FNV-1a step over a 64-bit value, a 16-bit lane at a time. */
    private static long mix(long h, long v) {
        for (int shift = 0; shift < 64; shift += 16) {
            h ^= (v >>> shift) & 0xffff;
            h *= PRIME;
        }
        return h;
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}

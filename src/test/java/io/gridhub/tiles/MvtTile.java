package io.gridhub.tiles;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Mapbox Vector Tile (protobuf, spec 2.1) far enough for tests: layers, their features'
 * properties and geometry types. Independent of PostGIS, so a tile that decodes here is one any
 * MVT client can read.
 */
final class MvtTile {

    /** A feature: its properties and geometry type (1 point, 2 line, 3 polygon). */
    record Feature(Map<String, Object> properties, int geometryType, int geometryCommands) {}

    final Map<String, List<Feature>> layers = new LinkedHashMap<>();

    static MvtTile decode(byte[] bytes) {
        MvtTile tile = new MvtTile();
        Reader r = new Reader(bytes, 0, bytes.length);
        while (r.more()) {
            long tag = r.varint();
            if (tag >>> 3 == 3 && (tag & 7) == 2) {
                tile.readLayer(r.sub());
            } else {
                r.skip((int) (tag & 7));
            }
        }
        return tile;
    }

    List<Feature> features(String layer) {
        return layers.getOrDefault(layer, List.of());
    }

    private void readLayer(Reader r) {
        String name = null;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<Reader> features = new ArrayList<>();
        while (r.more()) {
            long tag = r.varint();
            switch ((int) (tag >>> 3)) {
                case 1 -> name = r.string();
                case 2 -> features.add(r.sub());
                case 3 -> keys.add(r.string());
                case 4 -> values.add(value(r.sub()));
                default -> r.skip((int) (tag & 7));
            }
        }
        List<Feature> out = new ArrayList<>();
        for (Reader f : features) {
            Map<String, Object> props = new LinkedHashMap<>();
            int type = 0;
            int commands = 0;
            while (f.more()) {
                long tag = f.varint();
                switch ((int) (tag >>> 3)) {
                    case 2 -> {
                        Reader tags = f.sub();
                        while (tags.more()) {
                            props.put(keys.get((int) tags.varint()), values.get((int) tags.varint()));
                        }
                    }
                    case 3 -> type = (int) f.varint();
                    case 4 -> {
                        Reader g = f.sub();
                        while (g.more()) {
                            g.varint();
                            commands++;
                        }
                    }
                    default -> f.skip((int) (tag & 7));
                }
            }
            out.add(new Feature(props, type, commands));
        }
        layers.put(name, out);
    }

    private static Object value(Reader r) {
        Object v = null;
        while (r.more()) {
            long tag = r.varint();
            switch ((int) (tag >>> 3)) {
                case 1 -> v = r.string();
                case 2 -> v = (double) Float.intBitsToFloat((int) r.fixed(4));
                case 3 -> v = Double.longBitsToDouble(r.fixed(8));
                case 4, 5 -> v = r.varint();
                case 6 -> {
                    long z = r.varint();
                    v = (z >>> 1) ^ -(z & 1);
                }
                case 7 -> v = r.varint() != 0;
                default -> r.skip((int) (tag & 7));
            }
        }
        return v;
    }

    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
        }

        long fixed(int n) {
            ByteBuffer buf = ByteBuffer.wrap(b, pos, n).order(ByteOrder.LITTLE_ENDIAN);
            pos += n;
            return n == 4 ? buf.getInt() : buf.getLong();
        }

        Reader sub() {
            int len = (int) varint();
            Reader r = new Reader(b, pos, pos + len);
            pos += len;
            return r;
        }

        String string() {
            int len = (int) varint();
            String s = new String(b, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> pos += (int) varint();
                case 5 -> pos += 4;
                default -> throw new IllegalStateException("wire type " + wireType);
            }
        }
    }
}

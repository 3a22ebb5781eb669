package io.gridhub.feeds.sync;

import java.nio.charset.StandardCharsets;

/**
 * The source ids seen in a run, to catch duplicates without holding a million strings: an
 * open-addressing set of 64-bit hashes (8 bytes per id). Two different ids colliding in 64 bits
 * is improbable (about 1 in 10^7 for a million ids); if it happens the second is quarantined as a
 * duplicate, and visibly so.
 */
final class IdSet {

    private long[] slots = new long[1 << 12];
    private int size;
    private boolean hasZero;

    /** Adds the id; false when it was already there. */
    boolean add(String id) {
        long h = hash(id);
        if (h == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            return true;
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (slots[i] != 0) {
            if (slots[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = h;
        size++;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long h : old) {
            if (h != 0) {
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = h;
            }
        }
    }

    /** FNV-1a 64 over the UTF-8 bytes, then a murmur finaliser to spread the bits. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}

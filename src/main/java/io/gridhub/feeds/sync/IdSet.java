package io.gridhub.feeds.sync;

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
        return add(hash(id));
    }

    /** Adds an id by its {@link #hash}; false when it was already there. */
    boolean add(long h) {
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

    /** The 64-bit hash of an id ({@link Hash64}). */
    static long hash(String s) {
        return Hash64.of(s);
    }
}

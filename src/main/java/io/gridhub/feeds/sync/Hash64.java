package io.gridhub.feeds.sync;

/**
 * The 64-bit hash of source ids ({@link IdSet}, {@link StoreHashes}) and of staged rows' content:
 * FNV-1a over the UTF-16 code units, then the murmur3 finaliser to spread the bits. Fast and not
 * cryptographic: it only has to tell ids apart within a feed and a record from its previous
 * version, and two inputs sharing 64 bits by chance is about 1 in 10^19.
 */
final class Hash64 {

    private Hash64() {
    }

    static long of(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = s.length(); i < n; i++) {
            h ^= s.charAt(i);
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

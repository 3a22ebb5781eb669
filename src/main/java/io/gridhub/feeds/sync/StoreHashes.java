package io.gridhub.feeds.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.gridhub.grid.AssetType;

/**
 * The content hashes the grid store holds for one feed and asset type, keyed by the 64-bit hash
 * of the source id ({@link IdSet#hash}), so that a full snapshot recognises its unchanged records
 * while it reads them and stages only what changed. 17 bytes per stored asset at most (a million
 * poles take about 34 MB); the source ids themselves stay in the database.
 *
 * <p>Exactness does not rest on the hash being collision-free: two stored ids with the same hash
 * make the entry ambiguous, and an ambiguous entry never counts as unchanged (its records are
 * staged and merged as usual) and is always offered for retirement (the retire statement skips
 * ids the run staged).
 */
final class StoreHashes {

    private static final byte IN_SERVICE = 1;
    private static final byte SEEN = 2;
    private static final byte AMBIGUOUS = 4;
    /** Stored without a content hash (written by something else than a feed): never unchanged. */
    private static final byte NO_HASH = 8;
    private static final int FETCH = 20_000;

    private long[] keys;
    private long[] contentHashes;
    private byte[] flags;
    private int size;
    private int inService;
    private int seenInService;
    private boolean ambiguous;

    StoreHashes(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        contentHashes = new long[capacity];
        flags = new byte[capacity];
    }

    /** Reads the feed's stored assets of a type (every lifecycle); the connection must be in a transaction. */
    static StoreHashes load(Connection c, AssetType type, String feedId, long expected) throws SQLException {
        StoreHashes h = new StoreHashes((int) Math.min(expected, 1 << 28));
        // a cross-feed DUPLICATE counts as in service here: the feed holds it, the snapshot keeps or retires it
        try (PreparedStatement ps = c.prepareStatement("SELECT source_id, content_hash, lifecycle <> 'RETIRED'"
                + " FROM " + type.qualifiedTable() + " WHERE feed_id = ?")) {
            ps.setFetchSize(FETCH);
            ps.setString(1, feedId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long content = rs.getLong(2);
                    boolean noHash = rs.wasNull();
                    h.put(IdSet.hash(rs.getString(1)), content, noHash, rs.getBoolean(3));
                }
            }
        }
        return h;
    }

    int size() {
        return size;
    }

    /** How many of the feed's stored assets of the type are in service. */
    long inService() {
        return inService;
    }

    /**
     * Marks a source id of this run as seen; true when the store holds it in service with exactly
     * this content, so the record need not be staged.
     */
    boolean seenUnchanged(long idHash, long contentHash) {
        int i = find(idHash);
        if (i < 0) {
            return false;
        }
        if ((flags[i] & (SEEN | IN_SERVICE)) == IN_SERVICE) {
            seenInService++;
        }
        flags[i] |= SEEN;
        return (flags[i] & (IN_SERVICE | AMBIGUOUS | NO_HASH)) == IN_SERVICE && contentHashes[i] == contentHash;
    }

    /**
     * The feed's in-service source ids of this type the run has not seen (ambiguous ones
     * included), streamed from the store again: a full snapshot retires them.
     */
    List<String> unseenInService(Connection c, AssetType type, String feedId) throws SQLException {
        List<String> unseen = new ArrayList<>();
        if (!mayHaveUnseen()) {
            return unseen; // the run saw every one: no need to read the ids again
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT source_id FROM " + type.qualifiedTable()
                + " WHERE feed_id = ? AND lifecycle <> 'RETIRED'")) {
            ps.setFetchSize(FETCH);
            ps.setString(1, feedId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (unseen(IdSet.hash(id))) {
                        unseen.add(id);
                    }
                }
            }
        }
        return unseen;
    }

    /** Whether some stored in-service asset may have been missing from the run. */
    boolean mayHaveUnseen() {
        return seenInService < inService || ambiguous;
    }

    /** Whether a stored id (by hash) must be offered for retirement: not seen, or ambiguous. */
    boolean unseen(long idHash) {
        int i = find(idHash);
        return i < 0 || (flags[i] & (SEEN | AMBIGUOUS)) != SEEN;
    }

    void put(long idHash, long contentHash, boolean noHash, boolean storedInService) {
        if (size * 2 >= keys.length) {
            grow();
        }
        long k = key(idHash);
        int mask = keys.length - 1;
        int i = slot(k, mask);
        while (keys[i] != 0) {
            if (keys[i] == k) {
                flags[i] |= AMBIGUOUS;
                ambiguous = true;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = k;
        contentHashes[i] = contentHash;
        flags[i] = (byte) ((storedInService ? IN_SERVICE : 0) | (noHash ? NO_HASH : 0));
        if (storedInService) {
            inService++;
        }
        size++;
    }

    private int find(long idHash) {
        long k = key(idHash);
        int mask = keys.length - 1;
        int i = slot(k, mask);
        while (keys[i] != 0) {
            if (keys[i] == k) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldHashes = contentHashes;
        byte[] oldFlags = flags;
        keys = new long[oldKeys.length * 2];
        contentHashes = new long[keys.length];
        flags = new byte[keys.length];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                contentHashes[i] = oldHashes[j];
                flags[i] = oldFlags[j];
            }
        }
    }

    /** 0 marks an empty slot; a hash of 0 shares key 1 (and is then ambiguous if both occur). */
    private static long key(long idHash) {
        return idHash == 0 ? 1 : idHash;
    }

    private static int slot(long k, int mask) {
        return (int) (k ^ (k >>> 32)) & mask;
    }
}

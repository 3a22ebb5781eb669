package io.gridhub.feeds.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.gridhub.feeds.FeedMode;
import io.gridhub.grid.AssetType;

/**
 * Merges a run's staging into the grid store, inside the caller's open transaction: upserts per
 * asset type in supply-chain order (substations before the feeders that name them), retires what
 * a full snapshot dropped, keeps one row per asset in service across feeds
 * ({@link CrossFeedDuplicates}), assembles feeders from sections, flags unresolved references, then
 * joins loads to their assets.
 */
public final class StoreSync {

    private StoreSync() {
    }

    /**
     * @param snapshotTypes the asset types this run carries in full (retired when missing); empty
     *                      for incremental runs
     * @param quarantined per asset type, the source ids of records this run quarantined: never
     *                    retired, the store keeps their last good version
     * @param guard how much a full snapshot may retire
     */
    public static MergeResult merge(Connection c, String feedId, UUID runId, Staging staging, FeedMode mode,
                                    Set<AssetType> snapshotTypes, Map<AssetType, Set<String>> quarantined,
                                    RetireGuard guard) throws SQLException {
        return merge(c, feedId, runId, staging, mode, snapshotTypes, quarantined, guard, 1000);
    }

    /**
     * @param duplicatesListed how many cross-feed duplicates of the run its quarantine lists
     *                         ({@code hub.feed-policy.max-duplicates-listed}); all are counted
     */
    public static MergeResult merge(Connection c, String feedId, UUID runId, Staging staging, FeedMode mode,
                                    Set<AssetType> snapshotTypes, Map<AssetType, Set<String>> quarantined,
                                    RetireGuard guard, int duplicatesListed) throws SQLException {
        FeedMerge merge = new FeedMerge(c, feedId, runId, guard);
        Map<AssetType, Staging.TypeRun> runs = staging.types();
        for (AssetType type : AssetType.values()) {
            Staging.TypeRun t = runs.get(type);
            boolean snapshot = mode == FeedMode.FULL && snapshotTypes.contains(type);
            Set<String> kept = quarantined.getOrDefault(type, Set.of());
            if (t == null) {
                if (snapshot) { // a full snapshot of the type without a record: the type is gone
                    merge.retireMissing(type, false, kept);
                }
                continue;
            }
            if (t.route == Staging.Route.DIRECT) { // the feed's first load of the type: nothing to retire
                merge.written(type, t.written, t.extent);
                continue;
            }
            // retire before the upsert: the table's statistics still describe it, and the rows the
            // upsert is about to add need no anti-join
            if (snapshot && t.known != null) {
                merge.retire(type, t.known.unseenInService(c, type, feedId), t.written > 0, kept, t.known.inService());
            } else if (snapshot) {
                merge.retireMissing(type, true, kept);
            }
            if (t.written > 0) {
                merge.upsert(type, t.written);
            }
            merge.unchanged(t.unchanged);
        }
        for (AssetType type : AssetType.values()) {
            Staging.TypeRun t = runs.get(type);
            if (t != null || merge.retiredAny(type)) {
                boolean wholeFeed = (mode == FeedMode.FULL && snapshotTypes.contains(type))
                        || (t != null && t.route == Staging.Route.DIRECT);
                CrossFeedDuplicates.resolve(merge, type, t == null ? null : t.route, wholeFeed, duplicatesListed);
            }
        }
        Staging.TypeRun sections = runs.get(AssetType.FEEDER_SECTION);
        Staging.TypeRun feeders = runs.get(AssetType.FEEDER);
        merge.assembleFeeders(writtenRoute(sections), writtenRoute(feeders));
        for (Staging.TypeRun t : runs.values()) {
            merge.flagUnresolved(t.type, t.route == Staging.Route.DIRECT || t.known != null);
        }
        if (staging.stagedLoads() > 0) {
            merge.mergeLoads();
        }
        return merge.result();
    }

    /** The route by which a type's records reached the store in this run, null when none did. */
    private static Staging.Route writtenRoute(Staging.TypeRun t) {
        return t == null || t.written == 0 ? null : t.route;
    }
}

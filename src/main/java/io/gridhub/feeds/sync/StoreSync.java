package io.gridhub.feeds.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

import io.gridhub.feeds.FeedMode;
import io.gridhub.grid.AssetType;

/**
 * Merges a run's staging into the grid store, inside the caller's open transaction: upserts per
 * asset type in supply-chain order (substations before the feeders that name them), retires what
 * a full snapshot dropped, assembles feeders from sections, flags unresolved references, then
 * joins loads to their assets.
 */
public final class StoreSync {

    private StoreSync() {
    }

    /**
     * @param snapshotTypes the asset types this run carries in full (retired when missing); empty
     *                      for incremental runs
     */
    public static MergeResult merge(Connection c, String feedId, UUID runId, Staging staging, FeedMode mode,
                                    Set<AssetType> snapshotTypes) throws SQLException {
        FeedMerge merge = new FeedMerge(c, feedId, runId);
        for (AssetType type : AssetType.values()) {
            Long staged = staging.stagedAssets().get(type);
            // retire before the upsert: the table's statistics still describe it, and the rows the
            // upsert is about to add need no anti-join
            if (mode == FeedMode.FULL && snapshotTypes.contains(type)) {
                merge.retireMissing(type, staged != null);
            }
            if (staged != null) {
                merge.upsert(type, staged);
            }
        }
        boolean sections = staging.stagedAssets().containsKey(AssetType.FEEDER_SECTION);
        boolean feeders = staging.stagedAssets().containsKey(AssetType.FEEDER);
        if (sections || feeders) {
            merge.assembleFeeders(sections, feeders);
        }
        for (AssetType type : staging.stagedAssets().keySet()) {
            merge.flagUnresolved(type);
        }
        if (staging.stagedLoads() > 0) {
            merge.mergeLoads();
        }
        return merge.result();
    }
}

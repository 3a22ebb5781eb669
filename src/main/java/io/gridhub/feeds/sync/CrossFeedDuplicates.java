package io.gridhub.feeds.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.gridhub.grid.AssetType;

/**
 * The same asset (type and source id) published by two feeds, e.g. a WFS and an OGC API feed of
 * one GIS (跨数据源重复设备): the store keeps each feed's row, but exactly one in service, so that
 * siting and every other reader of in-service assets answers each physical asset once. Precedence:
 * the oldest row (lowest id: the feed that loaded the asset first) is IN_SERVICE, the others are
 * DUPLICATE. Run inside a run's merge, after its upsert and retirements, for the source ids the
 * run touched (written or retired): a retirement promotes another feed's duplicate.
 *
 * <p>Costs nothing while no other feed holds rows of the type (an index probe on
 * {@code (feed_id, source_id)}); siting's queries are unchanged (they read IN_SERVICE).
 */
final class CrossFeedDuplicates {

    private CrossFeedDuplicates() {
    }

    /**
     * @param merge      the run's merge (connection, feed, run, result)
     * @param route      how the run's records of the type reached the store, or null when none did
     * @param wholeFeed  whether the run carried all the feed's assets of the type (a full snapshot or
     *                   a first load): then every duplicate of the feed is reported, else those staged
     */
    static void resolve(FeedMerge merge, AssetType type, Staging.Route route, boolean wholeFeed) throws SQLException {
        Connection c = merge.connection();
        String feedId = merge.feedId();
        if (!otherFeedsHold(c, type, feedId)) {
            return;
        }
        String table = type.qualifiedTable();
        List<String> touched = new ArrayList<>();
        int feedParams = 0;
        if (route == Staging.Route.STAGED) {
            touched.add("SELECT source_id FROM pg_temp." + Staging.table(type));
        } else if (route == Staging.Route.DIRECT) {
            touched.add("SELECT source_id FROM " + table + " WHERE feed_id = ?");
            feedParams++;
        }
        if (merge.retiredAny(type)) {
            // now() is the run transaction's start: exactly the assets this run retired
            touched.add("SELECT source_id FROM " + table + " WHERE feed_id = ? AND lifecycle = 'RETIRED' AND retired_at = now()");
            feedParams++;
        }
        if (!touched.isEmpty()) {
            String sql = """
                    WITH touched AS (%s),
                    ranked AS (
                        SELECT t.id, t.lifecycle,
                               CASE WHEN row_number() OVER (PARTITION BY t.source_id ORDER BY t.id) = 1
                                    THEN 'IN_SERVICE' ELSE 'DUPLICATE' END AS wanted
                        FROM %s t
                        WHERE t.lifecycle <> 'RETIRED' AND t.source_id IN (SELECT source_id FROM touched)),
                    changed AS (
                        UPDATE %s t SET lifecycle = r.wanted, updated_at = now()
                        FROM ranked r WHERE t.id = r.id AND t.lifecycle <> r.wanted
                        RETURNING t.geom)
                    SELECT count(*), ST_XMin(ST_Extent(geom)), ST_YMin(ST_Extent(geom)),
                           ST_XMax(ST_Extent(geom)), ST_YMax(ST_Extent(geom)) FROM changed
                    """.formatted(String.join(" UNION ", touched), table, table);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 1; i <= feedParams; i++) {
                    ps.setString(i, feedId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    merge.crossFeedChanged(type, rs);
                }
            }
        }
        if (!wholeFeed && route != Staging.Route.STAGED) {
            return; // an incremental run that wrote nothing of the type reports nothing of it
        }
        String report = "INSERT INTO feeds.quarantine (run_id, feed_id, asset_type, source_id, disposition, reason, raw)"
                + " SELECT ?, ?, ?, t.source_id, 'FLAGGED',"
                + " 'also published by feed ' || o.feed_id || ', whose record is in service: kept as a cross-feed duplicate',"
                + " (to_jsonb(t) - 'geom' - 'content_hash'" + FeedMerge.STORE_ONLY_COLUMNS + ")::text"
                + " FROM " + table + " t JOIN " + table + " o ON o.source_id = t.source_id AND o.lifecycle = 'IN_SERVICE'"
                + " WHERE t.feed_id = ? AND t.lifecycle = 'DUPLICATE'"
                + (wholeFeed ? "" : " AND t.source_id IN (SELECT source_id FROM pg_temp." + Staging.table(type) + ")");
        try (PreparedStatement ps = c.prepareStatement(report)) {
            ps.setObject(1, merge.runId());
            ps.setString(2, feedId);
            ps.setString(3, type.name());
            ps.setString(4, feedId);
            merge.crossFeedDuplicates(ps.executeUpdate());
        }
    }

    /** Whether any other feed has rows of the type (any lifecycle): two probes of the (feed_id, source_id) index. */
    private static boolean otherFeedsHold(Connection c, AssetType type, String feedId) throws SQLException {
        String table = type.qualifiedTable();
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE feed_id < ?)"
                + " OR EXISTS (SELECT 1 FROM " + table + " WHERE feed_id > ?)")) {
            ps.setString(1, feedId);
            ps.setString(2, feedId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}

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
 * <p>Costs nothing while no other feed holds rows of the type (a loose scan of the
 * {@code (feed_id, source_id)} index, one probe per feed); otherwise an index probe per feed for each
 * source id the run wrote or retired. Siting's queries are unchanged (they read IN_SERVICE).
 */
final class CrossFeedDuplicates {

    private CrossFeedDuplicates() {
    }

    /**
     * @param merge      the run's merge (connection, feed, run, result)
     * @param route      how the run's records of the type reached the store, or null when none did
     * @param wholeFeed  whether the run carried all the feed's assets of the type (a full snapshot or
     *                   a first load): then every duplicate of the feed is reported, else those staged
     * @param maxListed  how many of them the run's quarantine lists (all are counted)
     */
    static void resolve(FeedMerge merge, AssetType type, Staging.Route route, boolean wholeFeed, int maxListed)
            throws SQLException {
        Connection c = merge.connection();
        String feedId = merge.feedId();
        List<String> feeds = feedsHolding(c, type);
        List<String> others = feeds.stream().filter(f -> !f.equals(feedId)).toList();
        if (others.isEmpty()) {
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
            // each touched id is looked up per feed in the (feed_id, source_id) index (the LATERAL
            // with OFFSET 0 keeps it a nested loop: the planner would otherwise hash the whole
            // table, 4 times slower for a 10,000-record run on a million poles); the rows to
            // change are then updated by primary key. A non-retired row only ever flips between
            // IN_SERVICE and DUPLICATE.
            String sql = """
                    WITH touched AS (%s),
                    ranked AS (
                        SELECT c.id, c.lifecycle,
                               CASE WHEN row_number() OVER (PARTITION BY c.source_id ORDER BY c.id) = 1
                                    THEN 'IN_SERVICE' ELSE 'DUPLICATE' END AS wanted
                        FROM touched s CROSS JOIN LATERAL (
                            SELECT t.id, t.source_id, t.lifecycle FROM %s t
                            WHERE t.feed_id = ANY (?) AND t.source_id = s.source_id AND t.lifecycle <> 'RETIRED'
                            OFFSET 0) c),
                    changed AS (
                        UPDATE %s t SET updated_at = now(),
                            lifecycle = CASE WHEN t.lifecycle = 'IN_SERVICE' THEN 'DUPLICATE' ELSE 'IN_SERVICE' END
                        WHERE t.id = ANY (ARRAY(SELECT id FROM ranked WHERE lifecycle <> wanted))
                        RETURNING t.geom)
                    SELECT count(*), ST_XMin(ST_Extent(geom)), ST_YMin(ST_Extent(geom)),
                           ST_XMax(ST_Extent(geom)), ST_YMax(ST_Extent(geom)) FROM changed
                    """.formatted(String.join(" UNION ", touched), table, table);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 1; i <= feedParams; i++) {
                    ps.setString(i, feedId);
                }
                ps.setArray(feedParams + 1, c.createArrayOf("text", feeds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    merge.crossFeedChanged(type, rs);
                }
            }
        }
        if (!wholeFeed && route != Staging.Route.STAGED) {
            return; // an incremental run that wrote nothing of the type reports nothing of it
        }
        // all are counted; the first maxListed (by row id) are listed with their raw content, so a
        // feed duplicating a million poles does not write a million quarantine rows every run
        String report = "WITH d AS MATERIALIZED (SELECT t.id, o.feed_id AS other FROM " + table + " t JOIN " + table + " o"
                + " ON o.feed_id = ANY (?) AND o.source_id = t.source_id AND o.lifecycle = 'IN_SERVICE'"
                + " WHERE t.feed_id = ? AND t.lifecycle = 'DUPLICATE'"
                + (wholeFeed ? "" : " AND t.source_id IN (SELECT source_id FROM pg_temp." + Staging.table(type) + ")")
                + "), listed AS (INSERT INTO feeds.quarantine (run_id, feed_id, asset_type, source_id, disposition, reason, raw)"
                + " SELECT ?, ?, ?, t.source_id, 'FLAGGED',"
                + " 'also published by feed ' || d.other || ', whose record is in service: kept as a cross-feed duplicate',"
                + " (to_jsonb(t) - 'geom' - 'content_hash'" + FeedMerge.STORE_ONLY_COLUMNS + ")::text"
                + " FROM (SELECT * FROM d ORDER BY id LIMIT ?) d JOIN " + table + " t ON t.id = d.id)"
                + " SELECT count(*) FROM d";
        try (PreparedStatement ps = c.prepareStatement(report)) {
            ps.setArray(1, c.createArrayOf("text", others.toArray()));
            ps.setString(2, feedId);
            ps.setObject(3, merge.runId());
            ps.setString(4, feedId);
            ps.setString(5, type.name());
            ps.setInt(6, maxListed);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                merge.crossFeedDuplicates(rs.getLong(1));
            }
        }
    }

    /**
     * The feeds that have rows of the type (any lifecycle), by a loose scan of the
     * (feed_id, source_id) index: one probe per feed, never a table scan.
     */
    private static List<String> feedsHolding(Connection c, AssetType type) throws SQLException {
        String table = type.qualifiedTable();
        List<String> feeds = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE f AS (SELECT min(feed_id) AS feed_id FROM " + table
                + " UNION ALL SELECT (SELECT min(feed_id) FROM " + table + " WHERE feed_id > f.feed_id) FROM f"
                + " WHERE f.feed_id IS NOT NULL) SELECT feed_id FROM f WHERE feed_id IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                feeds.add(rs.getString(1));
            }
        }
        return feeds;
    }
}

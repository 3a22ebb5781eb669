package io.gridhub.feeds.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.gridhub.grid.AssetField;
import io.gridhub.grid.AssetSchema;
import io.gridhub.grid.AssetType;

/**
 * The merge of one run's staging tables into the grid store, run inside the caller's transaction.
 * Table and column names come from {@link AssetType} and {@link AssetSchema}, never from input;
 * values are bound.
 */
final class FeedMerge {

    /** Required references checked after the upsert: (asset type, column) → referenced type. */
    private static final Map<AssetType, Map<String, AssetType>> REFERENCES = Map.of(
            AssetType.MAIN_TRANSFORMER, Map.of("substation_ref", AssetType.SUBSTATION),
            AssetType.BUSBAR, Map.of("substation_ref", AssetType.SUBSTATION),
            AssetType.FEEDER, Map.of("substation_ref", AssetType.SUBSTATION),
            AssetType.FEEDER_SECTION, Map.of("feeder_ref", AssetType.FEEDER),
            AssetType.POLE, Map.of("feeder_ref", AssetType.FEEDER),
            AssetType.RING_MAIN_UNIT, Map.of("feeder_ref", AssetType.FEEDER),
            AssetType.DISTRIBUTION_TRANSFORMER, Map.of("feeder_ref", AssetType.FEEDER));

    /** Store columns a quarantine record's raw content leaves out (they are not source content). */
    static final String STORE_ONLY_COLUMNS =
            " - 'id' - 'feed_id' - 'lifecycle' - 'in_service_since' - 'retired_at' - 'updated_at'";

    private static final Set<AssetType> LOAD_TYPES =
            Set.of(AssetType.DISTRIBUTION_TRANSFORMER, AssetType.FEEDER, AssetType.MAIN_TRANSFORMER);

    private final Connection c;
    private final String feedId;
    private final UUID runId;
    private final RetireGuard guard;
    private final MergeResult result = new MergeResult();
    private boolean sectionsRetired;
    private final Set<AssetType> retiredTypes = java.util.EnumSet.noneOf(AssetType.class);

    FeedMerge(Connection c, String feedId, UUID runId, RetireGuard guard) {
        this.c = c;
        this.feedId = feedId;
        this.runId = runId;
        this.guard = guard;
    }

    MergeResult result() {
        return result;
    }

    /** Whether this merge retired assets of the type. */
    boolean retiredAny(AssetType type) {
        return retiredTypes.contains(type);
    }

    Connection connection() {
        return c;
    }

    String feedId() {
        return feedId;
    }

    UUID runId() {
        return runId;
    }

    /** Assets whose lifecycle another feed's record decided (promoted or demoted), for the announcement. */
    void crossFeedChanged(AssetType type, ResultSet rs) throws SQLException {
        long n = rs.getLong(1);
        result.count(type, n);
        if (n > 0) {
            extend(rs);
        }
    }

    void crossFeedDuplicates(long n) {
        result.crossFeedDuplicates += n;
    }

    /** Inserts new assets, rewrites changed ones (content hash differs, or retired before). */
    void upsert(AssetType type, long staged) throws SQLException {
        List<AssetField> fields = AssetSchema.fields(type);
        Map<String, String> defaults = StoreColumns.notNullDefaults(c, type);
        StringBuilder cols = new StringBuilder("source_id, name, geom");
        StringBuilder values = new StringBuilder("source_id, name, geom");
        StringBuilder set = new StringBuilder("name = EXCLUDED.name, geom = EXCLUDED.geom");
        for (AssetField f : fields) {
            cols.append(", ").append(f.name());
            String d = defaults.get(f.name());
            // an absent optional value takes the column's default (voltage 10 kV, no ties), as an INSERT would
            values.append(", ").append(d == null ? f.name() : "COALESCE(" + f.name() + ", " + d + ")");
            set.append(", ").append(f.name()).append(" = EXCLUDED.").append(f.name());
        }
        cols.append(", attributes, content_hash");
        values.append(", attributes, content_hash");
        set.append(", attributes = EXCLUDED.attributes, content_hash = EXCLUDED.content_hash,"
                + " updated_at = now(), retired_at = NULL,"
                // a cross-feed DUPLICATE stays one (CrossFeedDuplicates decides, after the upsert)
                + " lifecycle = CASE WHEN t.lifecycle = 'RETIRED' THEN 'IN_SERVICE' ELSE t.lifecycle END");
        String sql = "WITH up AS (INSERT INTO " + type.qualifiedTable() + " AS t (feed_id, " + cols + ")"
                + " SELECT ?, " + values + " FROM pg_temp." + Staging.table(type)
                + " ON CONFLICT (feed_id, source_id) DO UPDATE SET " + set
                + " WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR t.lifecycle = 'RETIRED'"
                + " RETURNING (xmax = 0) AS inserted, geom)"
                + " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted),"
                + " ST_XMin(ST_Extent(geom)), ST_YMin(ST_Extent(geom)), ST_XMax(ST_Extent(geom)), ST_YMax(ST_Extent(geom))"
                + " FROM up";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, feedId);
            try (ResultSet rs = ps.executeQuery()) {
                long ins = 0;
                long upd = 0;
                while (rs.next()) {
                    ins += rs.getLong(1);
                    upd += rs.getLong(2);
                    extend(rs);
                }
                result.inserted += ins;
                result.updated += upd;
                result.unchanged += staged - ins - upd;
                result.count(type, ins + upd);
            }
        }
    }

    /**
     * Full snapshot: retires the feed's in-service assets of the type the snapshot no longer holds,
     * except those whose record this run quarantined ({@code kept}: their last good version stays).
     */
    void retireMissing(AssetType type, boolean staged, Set<String> kept) throws SQLException {
        long inService = inService(type);
        if (inService == 0) {
            return;
        }
        String missing = staged
                ? " AND NOT EXISTS (SELECT 1 FROM pg_temp." + Staging.table(type) + " s WHERE s.source_id = t.source_id)"
                : "";
        String sql = "WITH r AS (UPDATE " + type.qualifiedTable() + " t SET lifecycle = 'RETIRED', retired_at = now(),"
                + " updated_at = now() WHERE t.feed_id = ? AND t.lifecycle <> 'RETIRED'" + missing
                + " AND NOT (t.source_id = ANY (?)) RETURNING geom)"
                + " SELECT count(*), ST_XMin(ST_Extent(geom)), ST_YMin(ST_Extent(geom)),"
                + " ST_XMax(ST_Extent(geom)), ST_YMax(ST_Extent(geom)) FROM r";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, feedId);
            ps.setArray(2, c.createArrayOf("text", kept.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                guard.check(type, rs.getLong(1), inService);
                retired(type, rs);
            }
        }
    }

    private long inService(AssetType type) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + type.qualifiedTable()
                + " WHERE feed_id = ? AND lifecycle <> 'RETIRED'")) { // in service or a cross-feed duplicate
            ps.setString(1, feedId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void retired(AssetType type, ResultSet rs) throws SQLException {
        long n = rs.getLong(1);
        result.retired += n;
        result.count(type, n);
        if (n > 0) {
            retiredTypes.add(type);
            extend(rs);
            if (type == AssetType.FEEDER_SECTION) {
                sectionsRetired = true;
            }
        }
    }

    /**
     * Full snapshot read against the store's hashes: retires the given in-service source ids (those
     * the snapshot did not carry), except any the run staged or quarantined ({@code kept}).
     * {@code inService}: how many the feed held in service before, for the guard.
     */
    void retire(AssetType type, List<String> unseen, boolean staged, Set<String> kept, long inService)
            throws SQLException {
        List<String> ids = kept.isEmpty() ? unseen : unseen.stream().filter(id -> !kept.contains(id)).toList();
        if (ids.isEmpty()) {
            return;
        }
        String notStaged = staged
                ? " AND NOT EXISTS (SELECT 1 FROM pg_temp." + Staging.table(type) + " s WHERE s.source_id = t.source_id)"
                : "";
        String sql = "WITH r AS (UPDATE " + type.qualifiedTable() + " t SET lifecycle = 'RETIRED', retired_at = now(),"
                + " updated_at = now() WHERE t.feed_id = ? AND t.lifecycle <> 'RETIRED' AND t.source_id = ANY (?)"
                + notStaged + " RETURNING geom)"
                + " SELECT count(*), ST_XMin(ST_Extent(geom)), ST_YMin(ST_Extent(geom)),"
                + " ST_XMax(ST_Extent(geom)), ST_YMax(ST_Extent(geom)) FROM r";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, feedId);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                guard.check(type, rs.getLong(1), inService);
                retired(type, rs);
            }
        }
    }

    /** Records written straight into the store (the feed's first load of the type): all inserted. */
    void written(AssetType type, long n, org.locationtech.jts.geom.Envelope extent) {
        result.inserted += n;
        result.count(type, n);
        if (!extent.isNull()) {
            result.extend(extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY());
        }
    }

    /** Records a full snapshot carried with the very content the store holds, never staged. */
    void unchanged(long n) {
        result.unchanged += n;
    }

    /**
     * Feeders whose geometry comes from their sections (those the source gave no line for, or
     * assembled before) get the union of their in-service sections, merged where they touch.
     * Runs for the feeders this run touched: by a section it wrote or retired, or a feeder it wrote.
     */
    void assembleFeeders(Staging.Route sections, Staging.Route feeders) throws SQLException {
        List<String> touched = new java.util.ArrayList<>();
        List<String> params = new java.util.ArrayList<>();
        if (sections == Staging.Route.DIRECT) {
            touched.add("SELECT feeder_ref FROM grid.feeder_section WHERE feed_id = ?");
            params.add(feedId);
        } else if (sections == Staging.Route.STAGED) {
            touched.add("SELECT feeder_ref FROM pg_temp." + Staging.table(AssetType.FEEDER_SECTION));
        }
        if (sectionsRetired) {
            // now() is the run transaction's start: exactly the sections this run retired
            touched.add("SELECT feeder_ref FROM grid.feeder_section WHERE feed_id = ? AND lifecycle = 'RETIRED'"
                    + " AND retired_at = now()");
            params.add(feedId);
        }
        if (feeders == Staging.Route.DIRECT) {
            touched.add("SELECT source_id FROM grid.feeder WHERE feed_id = ?");
            params.add(feedId);
        } else if (feeders == Staging.Route.STAGED) {
            touched.add("SELECT source_id FROM pg_temp." + Staging.table(AssetType.FEEDER));
        }
        if (touched.isEmpty()) {
            return;
        }
        String sql = """
                WITH touched AS (%s),
                assembled AS (
                    SELECT s.feeder_ref,
                           ST_Multi(ST_LineMerge(ST_Collect(s.geom ORDER BY s.source_id)))::geometry(MultiLineString, 4490) AS geom
                    FROM grid.feeder_section s
                    WHERE s.lifecycle = 'IN_SERVICE' AND s.feeder_ref IN (SELECT * FROM touched)
                    GROUP BY s.feeder_ref)
                UPDATE grid.feeder f
                SET geom = a.geom, updated_at = now(),
                    attributes = f.attributes || '{"geometry_from": "sections"}'::jsonb
                FROM assembled a
                WHERE f.source_id = a.feeder_ref AND f.lifecycle = 'IN_SERVICE'
                  AND (f.geom IS NULL OR f.attributes ->> 'geometry_from' = 'sections')
                  AND (f.geom IS NULL OR NOT ST_Equals(f.geom, a.geom))
                """.formatted(String.join(" UNION ", touched));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            long n = ps.executeUpdate();
            result.count(AssetType.FEEDER, n);
        }
    }

    /**
     * Records whose required reference names no in-service asset: loaded, and flagged. Looks at
     * the staged records, or with {@code wholeSnapshot} at all the feed's in-service assets of the
     * type (a full snapshot written straight to the store, or one whose unchanged records were
     * not staged: after the merge those are exactly the snapshot's records).
     */
    void flagUnresolved(AssetType type, boolean wholeSnapshot) throws SQLException {
        Map<String, AssetType> refs = REFERENCES.get(type);
        if (refs == null) {
            return;
        }
        for (Map.Entry<String, AssetType> ref : refs.entrySet()) {
            String sql = "INSERT INTO feeds.quarantine (run_id, feed_id, asset_type, source_id, disposition, reason, raw)"
                    + " SELECT ?, ?, ?, s.source_id, 'FLAGGED', ? || s." + ref.getKey() + " || ' not found',"
                    + " (to_jsonb(s) - 'geom' - 'content_hash'" + (wholeSnapshot ? STORE_ONLY_COLUMNS : "") + ")::text"
                    + (wholeSnapshot
                        ? " FROM " + type.qualifiedTable() + " s WHERE s.feed_id = ? AND s.lifecycle = 'IN_SERVICE' AND"
                        : " FROM pg_temp." + Staging.table(type) + " s WHERE")
                    + " NOT EXISTS (SELECT 1 FROM " + ref.getValue().qualifiedTable() + " r"
                    + " WHERE r.source_id = s." + ref.getKey() + " AND r.lifecycle = 'IN_SERVICE')";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, runId);
                ps.setString(2, feedId);
                ps.setString(3, type.name());
                ps.setString(4, ref.getKey() + ": " + ref.getValue().table() + " ");
                if (wholeSnapshot) {
                    ps.setString(5, feedId);
                }
                result.flagged += ps.executeUpdate();
            }
        }
    }

    /**
     * Loads join the assets they name: those naming no in-service asset are quarantined (not
     * lost); the others are upserted per asset and period when their figures changed.
     */
    void mergeLoads() throws SQLException {
        long unknown;
        String known = """
                EXISTS (SELECT 1 FROM grid.distribution_transformer a WHERE l.asset_type = 'DISTRIBUTION_TRANSFORMER'
                            AND a.source_id = l.asset_ref AND a.lifecycle = 'IN_SERVICE')
                 OR EXISTS (SELECT 1 FROM grid.feeder a WHERE l.asset_type = 'FEEDER'
                            AND a.source_id = l.asset_ref AND a.lifecycle = 'IN_SERVICE')
                 OR EXISTS (SELECT 1 FROM grid.main_transformer a WHERE l.asset_type = 'MAIN_TRANSFORMER'
                            AND a.source_id = l.asset_ref AND a.lifecycle = 'IN_SERVICE')
                """;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO feeds.quarantine (run_id, feed_id, asset_type, source_id, disposition, reason, raw)"
                        + " SELECT ?, ?, l.asset_type, l.asset_ref, 'QUARANTINED',"
                        + " 'load for unknown asset: no in-service ' || lower(l.asset_type) || ' ' || l.asset_ref, l.raw"
                        + " FROM pg_temp." + Staging.LOADS + " l WHERE NOT (" + known + ")")) {
            ps.setObject(1, runId);
            ps.setString(2, feedId);
            unknown = ps.executeUpdate();
            result.quarantined += unknown;
        }
        String upsert = """
                WITH up AS (
                    INSERT INTO grid.measured_peak_load AS m
                        (feed_id, asset_type, asset_ref, period_start, period_end, peak_kw, power_factor, measured_at)
                    SELECT ?, l.asset_type, l.asset_ref, l.period_start, l.period_end, l.peak_kw, l.power_factor, l.measured_at
                    FROM pg_temp.%s l WHERE %s
                    ON CONFLICT (asset_type, asset_ref, period_start) DO UPDATE
                    SET feed_id = EXCLUDED.feed_id, period_end = EXCLUDED.period_end, peak_kw = EXCLUDED.peak_kw,
                        power_factor = EXCLUDED.power_factor, measured_at = EXCLUDED.measured_at, updated_at = now()
                    WHERE (m.period_end, m.peak_kw, m.power_factor, m.measured_at)
                          IS DISTINCT FROM (EXCLUDED.period_end, EXCLUDED.peak_kw, EXCLUDED.power_factor, EXCLUDED.measured_at)
                    RETURNING (xmax = 0) AS inserted)
                SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up
                """.formatted(Staging.LOADS, known);
        long ins;
        long upd;
        try (PreparedStatement ps = c.prepareStatement(upsert)) {
            ps.setString(1, feedId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                ins = rs.getLong(1);
                upd = rs.getLong(2);
                result.inserted += ins;
                result.updated += upd;
                result.loadsChanged += ins + upd;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_temp." + Staging.LOADS)) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                result.unchanged += rs.getLong(1) - ins - upd - unknown;
            }
        }
    }

    static boolean loadType(AssetType type) {
        return LOAD_TYPES.contains(type);
    }

    private void extend(ResultSet rs) throws SQLException {
        int base = rs.getMetaData().getColumnCount() - 3;
        double minX = rs.getDouble(base);
        if (!rs.wasNull()) {
            result.extend(minX, rs.getDouble(base + 1), rs.getDouble(base + 2), rs.getDouble(base + 3));
        }
    }
}

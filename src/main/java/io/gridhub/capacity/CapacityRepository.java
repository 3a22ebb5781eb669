package io.gridhub.capacity;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;

import io.gridhub.grid.AssetType;
import io.gridhub.grid.GridReads;
import org.springframework.stereotype.Repository;

/**
 * Reads the terms of open capacity from the grid store: ratings, the windowed peak (the largest
 * kW ÷ cos φ of the window, read through measured_peak_load_asset_idx), and the open commitments
 * (commitment_open_idx). Every lookup is by source id or by bounding box, each served by an index.
 */
@Repository
class CapacityRepository {

    /** The peak of one asset: the month with the largest apparent power in the window. */
    private static final String PEAK = """
            LEFT JOIN LATERAL (
                SELECT p.peak_kw, p.power_factor, p.period_start
                FROM grid.measured_peak_load p
                WHERE p.asset_type = '%1$s' AND p.asset_ref = %2$s.source_id
                  AND p.period_start BETWEEN ?::date AND ?::date
                ORDER BY p.peak_kw / coalesce(p.power_factor, ?::numeric) DESC
                LIMIT 1) pk ON true
            LEFT JOIN LATERAL (
                SELECT coalesce(sum(c.committed_kva), 0) AS kva
                FROM capacity.commitment c
                WHERE c.status = 'ACCEPTED' AND c.asset_type = '%1$s' AND c.asset_ref = %2$s.source_id) cm ON true
            """;

    private static final String TRANSFORMERS = """
            SELECT 'DISTRIBUTION_TRANSFORMER' AS asset_type, a.source_id, a.name, a.rated_kva,
                   NULL::numeric AS rated_current_a, NULL::numeric AS voltage_kv, 0 AS ties, 0 AS mt_count,
                   NULL::text AS substation_ref, pk.peak_kw, pk.power_factor, pk.period_start, cm.kva AS committed
                   %s
            FROM grid.distribution_transformer a
            """ + PEAK.formatted("DISTRIBUTION_TRANSFORMER", "a");

    private static final String FEEDERS = """
            SELECT 'FEEDER' AS asset_type, a.source_id, a.name, a.rated_kva, a.rated_current_a, a.voltage_kv,
                   cardinality(a.tie_feeder_refs) AS ties, 0 AS mt_count, a.substation_ref, pk.peak_kw,
                   pk.power_factor, pk.period_start, cm.kva AS committed %s
            FROM grid.feeder a
            """ + PEAK.formatted("FEEDER", "a");

    private static final String MAIN_TRANSFORMERS = """
            SELECT 'MAIN_TRANSFORMER' AS asset_type, a.source_id, a.name, a.rated_kva,
                   NULL::numeric AS rated_current_a, NULL::numeric AS voltage_kv, 0 AS ties,
                   (SELECT count(*) FROM grid.main_transformer m2
                    WHERE m2.substation_ref = a.substation_ref AND m2.lifecycle = 'IN_SERVICE')::int AS mt_count,
                   a.substation_ref, pk.peak_kw, pk.power_factor, pk.period_start, cm.kva AS committed %s
            FROM grid.main_transformer a
            """ + PEAK.formatted("MAIN_TRANSFORMER", "a");

    private static final String CHAIN_TERMS = "("
            + TRANSFORMERS.formatted("") + " WHERE a.source_id = ANY(?) AND a.lifecycle = 'IN_SERVICE')\nUNION ALL ("
            + FEEDERS.formatted("") + " WHERE a.source_id = ANY(?) AND a.lifecycle = 'IN_SERVICE')\nUNION ALL ("
            + MAIN_TRANSFORMERS.formatted("")
            + " WHERE (a.source_id = ANY(?) OR a.substation_ref = ANY(?)) AND a.lifecycle = 'IN_SERVICE')";

    /**
     * {@link #CHAIN_TERMS} without the commitments: the terms that change only with a feed run
     * (ratings, windowed peaks, main transformers per substation), for {@link ChainTermsCache}.
     */
    private static final String STATIC_CHAIN_TERMS = withoutCommitments(CHAIN_TERMS);

    /**
     * The capacity promised to accepted cases on each of the named assets (commitment_open_idx):
     * parameters are two arrays, the asset types and the asset ids, pairwise.
     */
    private static final String COMMITTED = """
            SELECT k.asset_type, k.asset_ref, sum(c.committed_kva) AS kva
            FROM unnest(?::text[], ?::text[]) AS k(asset_type, asset_ref)
            JOIN capacity.commitment c
              ON c.asset_type = k.asset_type AND c.asset_ref = k.asset_ref AND c.status = 'ACCEPTED'
            GROUP BY k.asset_type, k.asset_ref
            """;

    /**
     * The primary, or the read replica inside a read routed there (a siting answer); inside a
     * transaction of the primary (a confirmation under its advisory locks), always that transaction.
     */
    private final GridReads reads;
    private final PeakWindow window;
    private final CapacityRules rules;

    CapacityRepository(GridReads reads, PeakWindow window, CapacityRules rules) {
        this.reads = reads;
        this.window = window;
        this.rules = rules;
    }

    /**
     * The measured terms of the named transformers, feeders and main transformers, plus every
     * main transformer of the named substations (for the substation-level check), in one query.
     */
    List<MeasuredLink> chainTerms(Collection<String> transformerIds, Collection<String> feederIds,
                                     Collection<String> mainTransformerIds, Collection<String> substationIds) {
        return query(CHAIN_TERMS, transformerIds, feederIds, mainTransformerIds, substationIds);
    }

    private List<MeasuredLink> query(String sql, Collection<String> transformerIds, Collection<String> feederIds,
                                     Collection<String> mainTransformerIds, Collection<String> substationIds) {
        PeakWindow.Range w = window.current();
        double pf = rules.properties().defaultPowerFactor();
        return reads.jdbc().query((Connection con) -> {
            PreparedStatement ps = con.prepareStatement(sql);
            int i = 1;
            i = bindWindow(ps, i, w, pf);
            ps.setArray(i++, con.createArrayOf("text", transformerIds.toArray()));
            i = bindWindow(ps, i, w, pf);
            ps.setArray(i++, con.createArrayOf("text", feederIds.toArray()));
            i = bindWindow(ps, i, w, pf);
            ps.setArray(i++, con.createArrayOf("text", mainTransformerIds.toArray()));
            ps.setArray(i, con.createArrayOf("text", substationIds.toArray()));
            return ps;
        }, (rs, n) -> new MeasuredLink(measured(rs), rs.getString("substation_ref")));
    }

    /**
     * {@link #chainTerms} without the commitments (each link's committed kVA is 0): what
     * {@link ChainTermsCache} keeps, in one query.
     */
    List<MeasuredLink> staticChainTerms(Collection<String> transformerIds, Collection<String> feederIds,
                                        Collection<String> mainTransformerIds, Collection<String> substationIds) {
        return query(STATIC_CHAIN_TERMS, transformerIds, feederIds, mainTransformerIds, substationIds);
    }

    /** The key of a link in {@link #committed} and {@link ChainTermsCache}: "TYPE:id". */
    static String linkKey(AssetType type, String id) {
        return type.name() + ":" + id;
    }

    /** The kVA promised to accepted cases, by {@link #linkKey}, of those of the named assets that have any. */
    java.util.Map<String, Double> committed(List<AssetType> types, List<String> ids) {
        java.util.Map<String, Double> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        reads.jdbc().query((Connection con) -> {
            PreparedStatement ps = con.prepareStatement(COMMITTED);
            ps.setArray(1, con.createArrayOf("text", types.stream().map(Enum::name).toArray()));
            ps.setArray(2, con.createArrayOf("text", ids.toArray()));
            return ps;
        }, rs -> {
            out.put(linkKey(AssetType.valueOf(rs.getString("asset_type")), rs.getString("asset_ref")), rs.getDouble("kva"));
        });
        return out;
    }

    /** Open capacity of one asset type inside a bounding box (EPSG:4490), with its geometry as GeoJSON. */
    List<CapacityFeature> inBox(AssetType type, double minLon, double minLat, double maxLon, double maxLat,
                                       int limit) {
        PeakWindow.Range w = window.current();
        double pf = rules.properties().defaultPowerFactor();
        String geometry = ", ST_AsGeoJSON(%s, 7) AS geojson";
        String sql = switch (type) {
            case DISTRIBUTION_TRANSFORMER -> TRANSFORMERS.formatted(geometry.formatted("a.geom"))
                    + " WHERE a.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND a.lifecycle = 'IN_SERVICE' ORDER BY a.id LIMIT ?";
            case FEEDER -> FEEDERS.formatted(geometry.formatted("a.geom"))
                    + " WHERE a.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND a.lifecycle = 'IN_SERVICE' ORDER BY a.id LIMIT ?";
            case MAIN_TRANSFORMER -> MAIN_TRANSFORMERS
                    .formatted(geometry.formatted("coalesce(a.geom, ST_PointOnSurface(s.geom))"))
                    .replace("FROM grid.main_transformer a", "FROM grid.main_transformer a JOIN grid.substation s"
                            + " ON s.source_id = a.substation_ref AND s.lifecycle = 'IN_SERVICE'")
                    + " WHERE s.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND a.lifecycle = 'IN_SERVICE' ORDER BY a.id LIMIT ?";
            default -> throw new IllegalArgumentException("no open capacity for " + type);
        };
        return reads.jdbc().query(con -> {
            PreparedStatement ps = con.prepareStatement(sql);
            int i = bindWindow(ps, 1, w, pf);
            ps.setDouble(i++, minLon);
            ps.setDouble(i++, minLat);
            ps.setDouble(i++, maxLon);
            ps.setDouble(i++, maxLat);
            ps.setInt(i, limit);
            return ps;
        }, (rs, n) -> new CapacityFeature(rules.open(measured(rs)), rs.getString("geojson"),
                rs.getString("substation_ref")));
    }

    /** Substations inside a bounding box: id, name and location as GeoJSON. */
    record SubstationSite(String id, String name, String geojson) {}

    List<SubstationSite> substationsInBox(double minLon, double minLat, double maxLon, double maxLat, int limit) {
        return reads.jdbc().query("""
                SELECT source_id, name, ST_AsGeoJSON(ST_PointOnSurface(geom), 7) AS geojson FROM grid.substation
                WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND lifecycle = 'IN_SERVICE' ORDER BY id LIMIT ?
                """, (rs, n) -> new SubstationSite(rs.getString(1), rs.getString(2), rs.getString(3)),
                minLon, minLat, maxLon, maxLat, limit);
    }

    private static String withoutCommitments(String sql) {
        // the commitments' lateral join of each part of the union (PEAK's second join)
        String out = sql.replaceAll("(?s)LEFT JOIN LATERAL \\(\\s*SELECT coalesce\\(sum\\(c\\.committed_kva\\).*?\\) cm ON true", "")
                .replace("cm.kva AS committed", "0::numeric AS committed");
        if (out.contains("capacity.commitment") || out.contains("cm.")) {
            throw new IllegalStateException("the chain terms query changed: cannot take its commitments out");
        }
        return out;
    }

    private static int bindWindow(PreparedStatement ps, int i, PeakWindow.Range w, double pf) throws SQLException {
        ps.setDate(i++, Date.valueOf(w.from()));
        ps.setDate(i++, Date.valueOf(w.to()));
        ps.setDouble(i++, pf);
        return i;
    }

    private static MeasuredAsset measured(ResultSet rs) throws SQLException {
        Date month = rs.getDate("period_start");
        return new MeasuredAsset(AssetType.valueOf(rs.getString("asset_type")), rs.getString("source_id"),
                rs.getString("name"), dbl(rs, "rated_kva"), dbl(rs, "rated_current_a"), dbl(rs, "voltage_kv"),
                rs.getInt("ties"), rs.getInt("mt_count"), dbl(rs, "peak_kw"), dbl(rs, "power_factor"),
                month == null ? null : YearMonth.from(month.toLocalDate()), rs.getDouble("committed"));
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}

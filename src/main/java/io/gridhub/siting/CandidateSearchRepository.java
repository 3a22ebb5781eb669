package io.gridhub.siting;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gridhub.capacity.SupplyChain;
import io.gridhub.grid.AssetType;
import io.gridhub.grid.GridChanged;
import io.gridhub.grid.GridReads;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The spatial queries of siting. Every distance in an answer is ST_Distance on geography
 * (ellipsoidal metres), and candidates are ranked by it, never by planar degrees. Feeders and
 * tie-ins are found inside a lon/lat box on V1's geom GiST and pre-ranked by {@link RadiusBox}'s
 * planar estimate, which only decides what is measured exactly; transformers and substations by
 * KNN on the geography GiST.
 */
@Repository
class CandidateSearchRepository {

    /**
     * Feeders within a radius: line sections and whole-feeder lines (whichever the store holds,
     * {@link #wholeFeederLines()}), the nearest part of each feeder, and the nearest point on it. The
     * nearest point is found in a local equirectangular frame (longitude scaled by cos φ), accurate
     * to centimetres within the search radii, because PostGIS 3.3 has no ST_ClosestPoint for geography.
     */
    private static final String FEEDERS_WITHIN = sql("feeders-within.sql");

    /** Public transformers within a radius: KNN on the geography index, re-ranked by exact distance. */
    private static final String TRANSFORMERS_WITHIN = sql("transformers-within.sql");

    /**
     * The nearest in-service pole of each of the named feeders within a radius of the site: one
     * search for all feeders, inside a lon/lat box that surely holds the radius ({@link RadiusBox};
     * V1's geom GiST and the feeder_ref btree, combined by the planner). Every pole in the box gets
     * the planar estimate of its distance; only those the estimate cannot rule out (within the
     * box's slack of their feeder's nearest estimate, and of the radius) are measured exactly, on the
     * ellipsoid, and the nearest of those is the answer. Parameters: site lon, lat; the box's dLon,
     * dLat, kx, ky, slack and radius (m); feeder ids.
     */
    private static final String POLES_NEAR = """
            SELECT DISTINCT ON (m.feeder_ref) m.feeder_ref, m.source_id, m.name, ST_X(m.geom) AS lon,
                   ST_Y(m.geom) AS lat, m.d
            FROM (
                -- OFFSET 0 keeps the subquery whole: each pole is measured once, not again to order
                SELECT c.feeder_ref, c.source_id, c.name, c.geom, c.r,
                       ST_Distance(c.geom::geography, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4490)::geography) AS d
                FROM (
                    SELECT e.*, min(e.estimate) OVER (PARTITION BY e.feeder_ref) AS nearest
                    FROM (
                        SELECT p.feeder_ref, p.source_id, coalesce(p.pole_number, p.name) AS name, p.geom,
                               site.lon, site.lat, site.slack, site.r,
                               sqrt(((ST_X(p.geom) - site.lon) * site.kx) ^ 2 + ((ST_Y(p.geom) - site.lat) * site.ky) ^ 2)
                                   AS estimate
                        FROM (SELECT ?::float8 AS lon, ?::float8 AS lat, ?::float8 AS dlon, ?::float8 AS dlat,
                                     ?::float8 AS kx, ?::float8 AS ky, ?::float8 AS slack, ?::float8 AS r) site
                        JOIN grid.pole p
                          ON p.geom && ST_Expand(ST_SetSRID(ST_MakePoint(site.lon, site.lat), 4490), site.dlon, site.dlat)
                        WHERE p.feeder_ref = ANY(?::text[]) AND p.lifecycle = 'IN_SERVICE') e
                    WHERE e.estimate <= e.r * e.slack) c
                WHERE c.estimate <= c.nearest * c.slack
                OFFSET 0) m
            WHERE m.d <= m.r
            ORDER BY m.feeder_ref, m.d, m.source_id
            """;

    /**
     * Per feeder: its nearest pole within a radius ({@link #POLES_NEAR}, for the feeders to locate),
     * how many switchgear units it has and their most spare bays (for all), and the nearest
     * switchgear with enough spare bays (for the feeders to locate). A feeder has a handful of
     * switchgear units, found by the feeder_ref btree. Parameters: those of {@link #POLES_NEAR};
     * all feeder ids; site lon, lat; spare bays wanted; the feeder ids to locate; all feeder ids.
     */
    private static final String TIE_INS = """
            WITH pole AS (%s),
            gear AS (
                SELECT r.feeder_ref, r.source_id, r.kind, r.name, r.spare_bays, r.geom FROM grid.ring_main_unit r
                WHERE r.feeder_ref = ANY(?::text[]) AND r.lifecycle = 'IN_SERVICE'),
            counts AS (
                SELECT feeder_ref, count(*) AS switchgear, coalesce(max(spare_bays), 0) AS max_spare
                FROM gear GROUP BY feeder_ref),
            spare AS (
                SELECT DISTINCT ON (g.feeder_ref) g.feeder_ref, g.source_id, g.kind, g.name, g.spare_bays,
                       ST_X(g.geom) AS lon, ST_Y(g.geom) AS lat,
                       ST_Distance(g.geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography) AS d
                FROM gear g
                WHERE g.spare_bays >= ? AND g.feeder_ref = ANY(?::text[])
                ORDER BY g.feeder_ref, d, g.source_id)
            SELECT f.id AS feeder_id,
                   p.source_id AS pole_id, p.name AS pole_name, p.lon AS pole_lon, p.lat AS pole_lat, p.d AS pole_d,
                   s.source_id AS rmu_id, s.kind AS rmu_kind, s.name AS rmu_name, s.spare_bays, s.lon AS rmu_lon,
                   s.lat AS rmu_lat, s.d AS rmu_d, coalesce(c.switchgear, 0) AS switchgear,
                   coalesce(c.max_spare, 0) AS max_spare
            FROM unnest(?::text[]) AS f(id)
            LEFT JOIN pole p ON p.feeder_ref = f.id
            LEFT JOIN counts c ON c.feeder_ref = f.id
            LEFT JOIN spare s ON s.feeder_ref = f.id
            """.formatted(POLES_NEAR);

    private static final String SUBSTATIONS_NEAR = """
            SELECT source_id, name, voltage_kv, attributes ->> ? AS spare_bays,
                   ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography) AS d
            FROM grid.substation
            WHERE ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography, ?)
              AND lifecycle = 'IN_SERVICE'
            ORDER BY geom::geography <-> ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography
            LIMIT ?
            """;

    /** Nearest substations without a radius (for requests outside the 10 kV scope). */
    private static final String SUBSTATIONS_NEAREST = """
            SELECT source_id, name, voltage_kv, attributes ->> ? AS spare_bays,
                   ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography) AS d
            FROM grid.substation
            WHERE lifecycle = 'IN_SERVICE'
            ORDER BY geom::geography <-> ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography
            LIMIT ?
            """;

    /** The read replica or the primary, whichever {@link SitingService} chose for the answer. */
    private final GridReads reads;
    /** The primary, for the store-wide check refreshed after feed runs: never from a replica that may lag. */
    private final JdbcTemplate primary;
    private final double edgeToleranceM;
    private volatile Boolean wholeFeederLines;

    CandidateSearchRepository(GridReads reads, JdbcTemplate primary, SitingProperties properties) {
        this.reads = reads;
        this.primary = primary;
        this.edgeToleranceM = properties.edgeToleranceM();
    }

    /**
     * For the rest of the current transaction, runs prepared statements with their generic plan.
     * PostgreSQL otherwise re-plans the siting queries on every execution (their cost estimates
     * depend on the radius and site), and planning took longer than running them: 0.8 ms against
     * 0.7 ms for the feeder search on the 1M grid. The generic plans use the same indexes.
     */
    void reusePlans() {
        reads.jdbc().execute("SET LOCAL plan_cache_mode = force_generic_plan");
    }

    List<SourceHit> feedersWithin(double lon, double lat, double radiusM, double voltageKv, int limit) {
        RadiusBox box = RadiusBox.around(lat, radiusM);
        MapSqlParameterSource params = params(lon, lat, radiusM, limit).addValue("kv", voltageKv)
                .addValue("dlon", box.dLon()).addValue("dlat", box.dLat()).addValue("kx", box.kx())
                .addValue("ky", box.ky()).addValue("slack", box.slack()).addValue("edge_m", edgeToleranceM)
                .addValue("whole_lines", wholeFeederLines());
        return reads.named().query(FEEDERS_WITHIN, params, (rs, n) -> hit(rs, AssetType.FEEDER, rs.getString("feeder_id"), null));
    }

    /**
     * Whether the store holds in-service feeders without line sections, whose whole line the
     * feeder search must then look at. Checked when the hub is ready and again after every feed
     * run, off the request path: the check reads every feeder (an anti-join with the sections'
     * feeder_ref index, 0.3–0.9 s on the 1M-transformer grid), the one full scan siting makes. A
     * run that adds such feeders shows them to the searches that start after its
     * {@link GridChanged} event.
     */
    boolean wholeFeederLines() {
        Boolean w = wholeFeederLines;
        return w != null ? w : refreshWholeFeederLines();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        refreshWholeFeederLines();
    }

    @EventListener
    void onGridChanged(GridChanged event) {
        wholeFeederLines = null;
        refreshWholeFeederLines();
    }

    private synchronized boolean refreshWholeFeederLines() {
        boolean w = Boolean.TRUE.equals(primary.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM grid.feeder f WHERE f.lifecycle = 'IN_SERVICE'
                               AND NOT EXISTS (SELECT 1 FROM grid.feeder_section x WHERE x.feeder_ref = f.source_id))
                """, Boolean.class));
        wholeFeederLines = w;
        return w;
    }

    List<SourceHit> transformersWithin(double lon, double lat, double radiusM, int limit) {
        return reads.named().query(TRANSFORMERS_WITHIN, params(lon, lat, radiusM, limit),
                (rs, n) -> hit(rs, AssetType.DISTRIBUTION_TRANSFORMER, rs.getString("source_id"), rs.getString("feeder_ref")));
    }

    private static MapSqlParameterSource params(double lon, double lat, double radiusM, int limit) {
        return new MapSqlParameterSource().addValue("lon", lon).addValue("lat", lat).addValue("radius", radiusM)
                .addValue("limit", limit);
    }

    /** A query kept as a .sql resource beside this class, so the benchmark runs exactly the same text. */
    private static String sql(String name) {
        try (java.io.InputStream in = CandidateSearchRepository.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Tie-in equipment of each feeder. */
    record FeederTieIns(TieIn pole, TieIn switchgearWithSpareBay, int switchgearCount, int maxSpareBays) {
        FeederTieIns withPole(TieIn nearest) {
            return new FeederTieIns(nearest, switchgearWithSpareBay, switchgearCount, maxSpareBays);
        }
    }

    /**
     * Tie-in equipment of the feeders found, by feeder id: the switchgear count of each, the nearest
     * switchgear with spare bays of those in {@code locate}, and the nearest pole of those in
     * {@code locate} whose line is not known to be cable (null for the others). A pole is looked for
     * within {@code maxDistanceM} of the site; none there means none recorded near the site.
     *
     * <p>The poles of all those feeders are searched at once, first within {@code marginM} beyond
     * the farthest of them (poles stand on the line, a span apart), then, for any feeder without a
     * pole there, within {@code maxDistanceM}. A radius that finds a feeder's pole finds the nearest
     * one within the wider radius too, so the first search only saves cost, never changes the
     * answer. Most answers need the one round trip.
     */
    Map<String, FeederTieIns> tieIns(double lon, double lat, List<SourceHit> feeders, Set<String> locate,
                                     int minSpareBays, double marginM, double maxDistanceM) {
        Map<String, FeederTieIns> out = new HashMap<>();
        if (feeders.isEmpty()) {
            return out;
        }
        List<SourceHit> poled = feeders.stream()
                .filter(h -> locate.contains(h.assetId()) && h.lineKind() != LineKind.CABLE).toList();
        double reach = poled.stream().mapToDouble(SourceHit::distanceM).max().orElse(0);
        double first = Math.min(reach + marginM, maxDistanceM);
        Object[] located = feeders.stream().map(SourceHit::assetId).filter(locate::contains).toArray();
        Object[] poles = poled.stream().map(SourceHit::assetId).toArray();
        Object[] ids = feeders.stream().map(SourceHit::assetId).toArray();
        RadiusBox box = RadiusBox.around(lat, first);
        reads.jdbc().query(con -> {
            PreparedStatement ps = con.prepareStatement(TIE_INS);
            int i = bindPoles(con, ps, lon, lat, poles, box);
            ps.setArray(i++, con.createArrayOf("text", ids));
            ps.setDouble(i++, lon);
            ps.setDouble(i++, lat);
            ps.setInt(i++, minSpareBays);
            ps.setArray(i++, con.createArrayOf("text", located));
            ps.setArray(i, con.createArrayOf("text", ids));
            return ps;
        }, rs -> {
            TieIn pole = rs.getString("pole_id") == null ? null : new TieIn("POLE", rs.getString("pole_id"),
                    rs.getString("pole_name"), null, rs.getDouble("pole_lon"), rs.getDouble("pole_lat"),
                    rs.getDouble("pole_d"));
            TieIn rmu = rs.getString("rmu_id") == null ? null : new TieIn(rs.getString("rmu_kind"),
                    rs.getString("rmu_id"), rs.getString("rmu_name"), rs.getInt("spare_bays"),
                    rs.getDouble("rmu_lon"), rs.getDouble("rmu_lat"), rs.getDouble("rmu_d"));
            out.put(rs.getString("feeder_id"), new FeederTieIns(pole, rmu, rs.getInt("switchgear"), rs.getInt("max_spare")));
        });
        Object[] missing = Arrays.stream(poles).filter(id -> out.get(id).pole() == null).toArray();
        if (missing.length > 0 && first < maxDistanceM) {
            RadiusBox wide = RadiusBox.around(lat, maxDistanceM);
            reads.jdbc().query(con -> {
                PreparedStatement ps = con.prepareStatement(POLES_NEAR);
                bindPoles(con, ps, lon, lat, missing, wide);
                return ps;
            }, rs -> {
                String feeder = rs.getString("feeder_ref");
                out.put(feeder, out.get(feeder).withPole(new TieIn("POLE", rs.getString("source_id"),
                        rs.getString("name"), null, rs.getDouble("lon"), rs.getDouble("lat"), rs.getDouble("d"))));
            });
        }
        return out;
    }

    /** Binds the parameters of {@link #POLES_NEAR}; returns the next parameter index. */
    private static int bindPoles(java.sql.Connection con, PreparedStatement ps, double lon, double lat,
                                 Object[] feederIds, RadiusBox box) throws SQLException {
        int i = 1;
        ps.setDouble(i++, lon);
        ps.setDouble(i++, lat);
        ps.setDouble(i++, box.dLon());
        ps.setDouble(i++, box.dLat());
        ps.setDouble(i++, box.kx());
        ps.setDouble(i++, box.ky());
        ps.setDouble(i++, box.slack());
        ps.setDouble(i++, box.radiusM());
        ps.setArray(i++, con.createArrayOf("text", feederIds));
        return i;
    }

    /** A substation near the site. */
    record NearbySubstationRow(String id, String name, double voltageKv, Integer spareBays, double distanceM) {}

    List<NearbySubstationRow> substationsWithin(double lon, double lat, double radiusM, String spareBaysAttribute,
                                                int limit) {
        return reads.jdbc().query(SUBSTATIONS_NEAR, this::substation, spareBaysAttribute, lon, lat, lon, lat, radiusM,
                lon, lat, limit);
    }

    List<NearbySubstationRow> nearestSubstations(double lon, double lat, String spareBaysAttribute, int limit) {
        return reads.jdbc().query(SUBSTATIONS_NEAREST, this::substation, spareBaysAttribute, lon, lat, lon, lat, limit);
    }

    private NearbySubstationRow substation(ResultSet rs, int n) throws SQLException {
        Integer bays = null;
        String text = rs.getString("spare_bays");
        if (text != null) {
            try {
                bays = (int) Double.parseDouble(text);
            } catch (NumberFormatException e) {
                bays = null;
            }
        }
        return new NearbySubstationRow(rs.getString("source_id"), rs.getString("name"), rs.getDouble("voltage_kv"),
                bays, rs.getDouble("d"));
    }

    private static SourceHit hit(ResultSet rs, AssetType type, String id, String feederRef) throws SQLException {
        String feeder = type == AssetType.FEEDER ? id : feederRef;
        Integer customers = (Integer) rs.getObject("connected_customers");
        Array ties = rs.getArray("tie_feeder_refs");
        List<String> tieIds = ties == null ? List.of() : Arrays.asList((String[]) ties.getArray());
        SupplyChain chain = new SupplyChain(type == AssetType.DISTRIBUTION_TRANSFORMER ? id : null, feeder,
                rs.getString("busbar_ref"), rs.getString("main_transformer_ref"), rs.getString("substation_ref"));
        return new SourceHit(type, id, rs.getString("name"), rs.getDouble("d"), rs.getDouble("lon"),
                rs.getDouble("lat"), type == AssetType.FEEDER ? LineKind.ofStored(rs.getString("line_kind")) : null,
                rs.getString("conductor"), chain, customers, List.copyOf(tieIds));
    }
}

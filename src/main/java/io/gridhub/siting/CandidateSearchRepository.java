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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The spatial queries of siting. Every distance is ST_Distance on geography (ellipsoidal metres);
 * candidates are found with ST_DWithin / KNN on the geography GiST indexes of V1 (tie-ins inside
 * a lon/lat box on the geom GiST) and ranked by that exact distance, never by planar degrees.
 */
@Repository
class CandidateSearchRepository {

    /**
     * Feeders within a radius: line sections and whole-feeder lines (whichever the store holds),
     * the nearest part of each feeder, and the nearest point on it. The nearest point is found in
     * a local equirectangular frame (longitude scaled by cos φ), accurate to centimetres within
     * the search radii, because PostGIS 3.3 has no ST_ClosestPoint for geography.
     */
    private static final String FEEDERS_WITHIN = sql("feeders-within.sql");

    /** Public transformers within a radius: KNN on the geography index, re-ranked by exact distance. */
    private static final String TRANSFORMERS_WITHIN = sql("transformers-within.sql");

    /**
     * Per feeder: its nearest pole, its nearest switchgear with enough spare bays, and how many
     * switchgear units it has, all through cheap indexes that feed loads can afford (V25 dropped
     * the per-feeder geography GiST indexes, which made the pole load five times slower).
     *
     * <p>Poles: the feeder's poles inside a lon/lat box around the site that surely holds the
     * radius ({@link RadiusBox}; V1's geom GiST and the feeder_ref btree, combined by the planner),
     * measured exactly on the ellipsoid, nearest within the radius first. The radii are tried in
     * turn until one finds a pole, starting at the first one that reaches the feeder's own distance
     * (its poles stand on its line). Any radius that finds a pole finds the same one, the nearest
     * within the widest radius, so skipping and stopping change the cost, never the answer.
     *
     * <p>Switchgear: a feeder has a handful, found by the feeder_ref btree; the nearest with spare
     * bays is looked for only when the count says one exists.
     *
     * <p>Pole and switchgear are located only for the feeders flagged {@code locate}; the count
     * and most spare bays are given for all.
     */
    private static final String TIE_INS = """
            SELECT f.id AS feeder_id,
                   p.source_id AS pole_id, coalesce(p.pole_number, p.name) AS pole_name, p.lon AS pole_lon,
                   p.lat AS pole_lat, p.d AS pole_d,
                   r.source_id AS rmu_id, r.kind AS rmu_kind, r.name AS rmu_name, r.spare_bays, r.lon AS rmu_lon,
                   r.lat AS rmu_lat, r.d AS rmu_d, n.switchgear, n.max_spare
            FROM unnest(?::text[], ?::float8[], ?::boolean[]) AS f(id, reach, locate)
            CROSS JOIN (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4490) AS g) site
            LEFT JOIN LATERAL (
                SELECT near.* FROM unnest(?::float8[], ?::float8[], ?::float8[]) AS box(m, dlon, dlat)
                CROSS JOIN LATERAL (
                    -- OFFSET 0 keeps the subquery whole: each pole is measured once, not again to order
                    SELECT * FROM (
                        SELECT source_id, pole_number, name, ST_X(geom) AS lon, ST_Y(geom) AS lat,
                               ST_Distance(geom::geography, site.g::geography) AS d
                        FROM grid.pole
                        WHERE feeder_ref = f.id AND lifecycle = 'IN_SERVICE'
                          AND geom && ST_Expand(site.g, box.dlon, box.dlat)
                        OFFSET 0) inside
                    WHERE d <= box.m
                    ORDER BY d, source_id LIMIT 1) near
                WHERE f.locate AND box.m >= f.reach
                LIMIT 1) p ON true
            LEFT JOIN LATERAL (
                SELECT count(*) AS switchgear, coalesce(max(spare_bays), 0) AS max_spare FROM grid.ring_main_unit
                WHERE feeder_ref = f.id AND lifecycle = 'IN_SERVICE') n ON true
            LEFT JOIN LATERAL (
                SELECT source_id, kind, name, spare_bays, ST_X(geom) AS lon, ST_Y(geom) AS lat,
                       ST_Distance(geom::geography, site.g::geography) AS d
                FROM grid.ring_main_unit
                WHERE f.locate AND n.max_spare >= ? AND feeder_ref = f.id AND lifecycle = 'IN_SERVICE' AND spare_bays >= ?
                ORDER BY d, source_id LIMIT 1) r ON true
            """;

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

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    CandidateSearchRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * For the rest of the current transaction, runs prepared statements with their generic plan.
     * PostgreSQL otherwise re-plans the siting queries on every execution (their cost estimates
     * depend on the radius and site), and planning took longer than running them: 0.8 ms against
     * 0.7 ms for the feeder search on the 1M grid. The generic plans use the same indexes.
     */
    void reusePlans() {
        jdbc.execute("SET LOCAL plan_cache_mode = force_generic_plan");
    }

    List<SourceHit> feedersWithin(double lon, double lat, double radiusM, double voltageKv, int limit) {
        return named.query(FEEDERS_WITHIN, params(lon, lat, radiusM, limit).addValue("kv", voltageKv),
                (rs, n) -> hit(rs, AssetType.FEEDER, rs.getString("feeder_id"), null));
    }

    List<SourceHit> transformersWithin(double lon, double lat, double radiusM, int limit) {
        return named.query(TRANSFORMERS_WITHIN, params(lon, lat, radiusM, limit),
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
    record FeederTieIns(TieIn pole, TieIn switchgearWithSpareBay, int switchgearCount, int maxSpareBays) {}

    /**
     * Tie-in equipment of the feeders found, by feeder id: the switchgear count of each, and the
     * nearest pole and switchgear with spare bays of those in {@code locate} (null for the others).
     * A pole is looked for within the widest of {@code poleRadiiM} (m); none there means none
     * recorded near the site.
     */
    Map<String, FeederTieIns> tieIns(double lon, double lat, List<SourceHit> feeders, Set<String> locate,
                                     int minSpareBays, List<Integer> poleRadiiM) {
        Map<String, FeederTieIns> out = new HashMap<>();
        if (feeders.isEmpty()) {
            return out;
        }
        double widest = poleRadiiM.get(poleRadiiM.size() - 1);
        Object[] ids = feeders.stream().map(SourceHit::assetId).toArray();
        // radii shorter than the feeder's own distance are skipped, but the widest is always tried
        Object[] reach = feeders.stream().map(h -> Math.min(h.distanceM(), widest)).toArray();
        Object[] located = feeders.stream().map(h -> locate.contains(h.assetId())).toArray();
        List<RadiusBox> boxes = poleRadiiM.stream().map(m -> RadiusBox.around(lat, m)).toList();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(TIE_INS);
            int i = 1;
            ps.setArray(i++, con.createArrayOf("text", ids));
            ps.setArray(i++, con.createArrayOf("float8", reach));
            ps.setArray(i++, con.createArrayOf("boolean", located));
            ps.setDouble(i++, lon);
            ps.setDouble(i++, lat);
            ps.setArray(i++, con.createArrayOf("float8", boxes.stream().map(RadiusBox::radiusM).toArray()));
            ps.setArray(i++, con.createArrayOf("float8", boxes.stream().map(RadiusBox::dLon).toArray()));
            ps.setArray(i++, con.createArrayOf("float8", boxes.stream().map(RadiusBox::dLat).toArray()));
            ps.setInt(i++, minSpareBays);
            ps.setInt(i, minSpareBays);
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
        return out;
    }

    /** A substation near the site. */
    record NearbySubstationRow(String id, String name, double voltageKv, Integer spareBays, double distanceM) {}

    List<NearbySubstationRow> substationsWithin(double lon, double lat, double radiusM, String spareBaysAttribute,
                                                int limit) {
        return jdbc.query(SUBSTATIONS_NEAR, this::substation, spareBaysAttribute, lon, lat, lon, lat, radiusM,
                lon, lat, limit);
    }

    List<NearbySubstationRow> nearestSubstations(double lon, double lat, String spareBaysAttribute, int limit) {
        return jdbc.query(SUBSTATIONS_NEAREST, this::substation, spareBaysAttribute, lon, lat, lon, lat, limit);
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
                rs.getDouble("lat"), type == AssetType.FEEDER ? rs.getString("line_kind") : null,
                rs.getString("conductor"), chain, customers, List.copyOf(tieIds));
    }
}

package io.gridhub.siting;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gridhub.capacity.SupplyChain;
import io.gridhub.grid.AssetType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The spatial queries of siting. Every distance is ST_Distance on geography (ellipsoidal metres);
 * candidates are found with ST_DWithin / KNN on the geography GiST indexes of V1 and ranked by
 * that exact distance, never by planar degrees.
 */
@Repository
class CandidateSearchRepository {

    /**
     * Feeders within a radius: line sections and whole-feeder lines (whichever the store holds),
     * the nearest part of each feeder, and the nearest point on it. The nearest point is found in
     * a local equirectangular frame (longitude scaled by cos φ), accurate to centimetres within
     * the search radii, because PostGIS 3.3 has no ST_ClosestPoint for geography.
     */
    private static final String FEEDERS_WITHIN = """
            WITH near AS (
                SELECT s.feeder_ref AS feeder_id, s.line_kind, s.geom,
                       ST_Distance(s.geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography) AS d
                FROM grid.feeder_section s
                WHERE ST_DWithin(s.geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography, ?)
                  AND s.lifecycle = 'IN_SERVICE'
                UNION ALL
                SELECT f.source_id, NULL, f.geom,
                       ST_Distance(f.geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography)
                FROM grid.feeder f
                WHERE ST_DWithin(f.geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography, ?)
                  AND f.lifecycle = 'IN_SERVICE'
            ), best AS (
                SELECT DISTINCT ON (feeder_id) feeder_id, line_kind, geom, d
                FROM near ORDER BY feeder_id, d, line_kind NULLS LAST
            )
            SELECT b.feeder_id, f.name, b.d, b.line_kind, f.conductor, f.substation_ref, f.busbar_ref,
                   bb.main_transformer_ref, f.connected_customers, f.tie_feeder_refs,
                   ST_X(cp.p) AS lon, ST_Y(cp.p) AS lat
            FROM best b
            JOIN grid.feeder f ON f.source_id = b.feeder_id AND f.lifecycle = 'IN_SERVICE' AND f.voltage_kv = ?
            LEFT JOIN grid.busbar bb ON bb.source_id = f.busbar_ref AND bb.lifecycle = 'IN_SERVICE'
            CROSS JOIN LATERAL (
                SELECT ST_Scale(ST_ClosestPoint(ST_Scale(b.geom, k, 1), ST_Scale(ST_SetSRID(ST_MakePoint(?, ?), 4490), k, 1)),
                                1 / k, 1) AS p
                FROM (SELECT cos(radians(?)) AS k) scale) cp
            ORDER BY b.d, b.feeder_id
            LIMIT ?
            """;

    /** Public transformers within a radius: KNN on the geography index, re-ranked by exact distance. */
    private static final String TRANSFORMERS_WITHIN = """
            SELECT t.source_id, t.name, t.d, t.feeder_ref, f.conductor, f.substation_ref, f.busbar_ref,
                   bb.main_transformer_ref, f.connected_customers, f.tie_feeder_refs, t.lon, t.lat
            FROM (
                SELECT t.source_id, t.name, t.feeder_ref, ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat,
                       ST_Distance(t.geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography) AS d
                FROM grid.distribution_transformer t
                WHERE ST_DWithin(t.geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography, ?)
                  AND t.lifecycle = 'IN_SERVICE' AND t.ownership = 'PUBLIC'
                ORDER BY t.geom::geography <-> ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography
                LIMIT ?) t
            LEFT JOIN grid.feeder f ON f.source_id = t.feeder_ref AND f.lifecycle = 'IN_SERVICE'
            LEFT JOIN grid.busbar bb ON bb.source_id = f.busbar_ref AND bb.lifecycle = 'IN_SERVICE'
            ORDER BY t.d, t.source_id
            """;

    /**
     * Per feeder: its nearest pole, its nearest switchgear with at least one spare bay, and how
     * many switchgear units it has. Read through the feeder_ref indexes: a feeder has tens to
     * hundreds of poles, each measured exactly.
     */
    private static final String TIE_INS = """
            SELECT f.id AS feeder_id,
                   p.source_id AS pole_id, coalesce(p.pole_number, p.name) AS pole_name, p.lon AS pole_lon,
                   p.lat AS pole_lat, p.d AS pole_d,
                   r.source_id AS rmu_id, r.kind AS rmu_kind, r.name AS rmu_name, r.spare_bays, r.lon AS rmu_lon,
                   r.lat AS rmu_lat, r.d AS rmu_d, n.switchgear, n.max_spare
            FROM unnest(?::text[]) AS f(id)
            LEFT JOIN LATERAL (
                SELECT source_id, pole_number, name, ST_X(geom) AS lon, ST_Y(geom) AS lat,
                       ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography) AS d
                FROM grid.pole WHERE feeder_ref = f.id AND lifecycle = 'IN_SERVICE'
                ORDER BY d LIMIT 1) p ON true
            LEFT JOIN LATERAL (
                SELECT source_id, kind, name, spare_bays, ST_X(geom) AS lon, ST_Y(geom) AS lat,
                       ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography) AS d
                FROM grid.ring_main_unit WHERE feeder_ref = f.id AND lifecycle = 'IN_SERVICE' AND spare_bays >= ?
                ORDER BY d LIMIT 1) r ON true
            LEFT JOIN LATERAL (
                SELECT count(*) AS switchgear, coalesce(max(spare_bays), 0) AS max_spare FROM grid.ring_main_unit
                WHERE feeder_ref = f.id AND lifecycle = 'IN_SERVICE') n ON true
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

    CandidateSearchRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<SourceHit> feedersWithin(double lon, double lat, double radiusM, double voltageKv, int limit) {
        return jdbc.query(FEEDERS_WITHIN, (rs, n) -> hit(rs, AssetType.FEEDER, rs.getString("feeder_id"), null),
                lon, lat, lon, lat, radiusM, lon, lat, lon, lat, radiusM, voltageKv, lon, lat, lat, limit);
    }

    List<SourceHit> transformersWithin(double lon, double lat, double radiusM, int limit) {
        return jdbc.query(TRANSFORMERS_WITHIN,
                (rs, n) -> hit(rs, AssetType.DISTRIBUTION_TRANSFORMER, rs.getString("source_id"), rs.getString("feeder_ref")),
                lon, lat, lon, lat, radiusM, lon, lat, limit);
    }

    /** Tie-in equipment of each feeder. */
    record FeederTieIns(TieIn pole, TieIn switchgearWithSpareBay, int switchgearCount, int maxSpareBays) {}

    Map<String, FeederTieIns> tieIns(double lon, double lat, List<String> feederIds, int minSpareBays) {
        Map<String, FeederTieIns> out = new HashMap<>();
        if (feederIds.isEmpty()) {
            return out;
        }
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(TIE_INS);
            ps.setArray(1, con.createArrayOf("text", feederIds.toArray()));
            ps.setDouble(2, lon);
            ps.setDouble(3, lat);
            ps.setDouble(4, lon);
            ps.setDouble(5, lat);
            ps.setInt(6, minSpareBays);
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

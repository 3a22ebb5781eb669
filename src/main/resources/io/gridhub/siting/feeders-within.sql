-- Feeders within :radius metres of the site (:lon, :lat, EPSG:4490): line sections and whole-feeder
-- lines, whichever the store holds (:whole_lines: whether any feeder lacks sections), the nearest part of each feeder (exact ST_Distance on the
-- ellipsoid), and the nearest point on it.
--
-- The parts are found with V1's geom GiST inside a lon/lat box that surely holds the radius
-- (:dlon, :dlat), and first ranked by a planar estimate of their distance in the site's local frame
-- (:kx, :ky metres per degree; RadiusBox says how close it stays to the exact distance: within the
-- factor :slack, plus :edge_m metres, hub.siting.edge-tolerance-m, 2 by default, for how far a
-- great-circle edge up to 10 km long strays from a straight line in that frame). Only parts the estimate cannot rule out, within the radius and near their
-- feeder's nearest estimate, are measured exactly. The nearest point is found in the same frame,
-- accurate to centimetres within the search radii: PostGIS 3.3 has no ST_ClosestPoint for
-- geography. Run by CandidateSearchRepository, and as is by bench/siting-http.sh.

WITH near AS (
    SELECT s.feeder_ref AS feeder_id, s.line_kind, s.geom,
           ST_Distance(ST_Scale(s.geom, :kx::float8, :ky::float8), ST_SetSRID(ST_MakePoint(:lon * :kx::float8, :lat * :ky::float8), 4490)) AS estimate
    FROM grid.feeder_section s
    WHERE s.geom && ST_Expand(ST_SetSRID(ST_MakePoint(:lon, :lat), 4490), :dlon::float8, :dlat::float8)
      AND s.lifecycle = 'IN_SERVICE'
    UNION ALL
    SELECT f.source_id, NULL, f.geom,
           ST_Distance(ST_Scale(f.geom, :kx::float8, :ky::float8), ST_SetSRID(ST_MakePoint(:lon * :kx::float8, :lat * :ky::float8), 4490))
    FROM grid.feeder f
    -- whole-feeder lines only for feeders the GIS publishes without sections: not searched at all
    -- when the store holds none (whole_lines false); as a scalar subquery the check stays a
    -- filter checked before the estimate on a long line
    WHERE :whole_lines::boolean
      AND f.geom && ST_Expand(ST_SetSRID(ST_MakePoint(:lon, :lat), 4490), :dlon::float8, :dlat::float8)
      AND f.lifecycle = 'IN_SERVICE'
      AND (SELECT NOT EXISTS (SELECT 1 FROM grid.feeder_section x WHERE x.feeder_ref = f.source_id))
), close AS (
    SELECT n.*, min(n.estimate) OVER (PARTITION BY n.feeder_id) AS nearest
    FROM near n
    WHERE n.estimate <= :radius::float8 * :slack + :edge_m::float8
), measured AS (
    -- OFFSET 0 keeps the subquery whole: each part is measured once, not again to order
    SELECT c.feeder_id, c.line_kind, c.geom,
           ST_Distance(c.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography) AS d
    FROM close c
    WHERE c.estimate <= c.nearest * :slack + :edge_m::float8 * (:slack::float8 + 1)
    OFFSET 0
), best AS (
    SELECT DISTINCT ON (feeder_id) feeder_id, line_kind, geom, d
    FROM measured
    WHERE d <= :radius::float8
    ORDER BY feeder_id, d, line_kind NULLS LAST
)
SELECT b.feeder_id, f.name, b.d, b.line_kind, f.conductor, f.substation_ref, f.busbar_ref,
       bb.main_transformer_ref, f.connected_customers, f.tie_feeder_refs,
       ST_X(cp.p) AS lon, ST_Y(cp.p) AS lat
FROM best b
JOIN grid.feeder f ON f.source_id = b.feeder_id AND f.lifecycle = 'IN_SERVICE' AND f.voltage_kv = :kv
LEFT JOIN grid.busbar bb ON bb.source_id = f.busbar_ref AND bb.lifecycle = 'IN_SERVICE'
CROSS JOIN LATERAL (
    SELECT ST_Scale(ST_ClosestPoint(ST_Scale(b.geom, k, 1), ST_Scale(ST_SetSRID(ST_MakePoint(:lon, :lat), 4490), k, 1)),
                    1 / k, 1) AS p
    FROM (SELECT cos(radians(:lat)) AS k) scale) cp
ORDER BY b.d, b.feeder_id
LIMIT :limit

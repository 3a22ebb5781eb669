-- Feeders within :radius metres of the site (:lon, :lat, EPSG:4490): line sections and whole-feeder
-- lines, whichever the store holds, the nearest part of each feeder (exact ST_Distance on the
-- ellipsoid), and the nearest point on it. ST_DWithin on geography is served by the GiST indexes
-- on (geom::geography). The nearest point is found in a local equirectangular frame (longitude
-- scaled by cos φ), accurate to centimetres within the search radii: PostGIS 3.3 has no
-- ST_ClosestPoint for geography. Run by CandidateSearchRepository, and as is by bench/siting-http.sh.

WITH near AS (
    SELECT s.feeder_ref AS feeder_id, s.line_kind, s.geom,
           ST_Distance(s.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography) AS d
    FROM grid.feeder_section s
    WHERE ST_DWithin(s.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography, :radius)
      AND s.lifecycle = 'IN_SERVICE'
    UNION ALL
    SELECT f.source_id, NULL, f.geom,
           ST_Distance(f.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography)
    FROM grid.feeder f
    WHERE ST_DWithin(f.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography, :radius)
      AND f.lifecycle = 'IN_SERVICE'
      -- whole-feeder lines only for feeders the GIS publishes without sections; as a scalar
      -- subquery it stays a filter checked before the costly exact distance on a long line
      AND (SELECT NOT EXISTS (SELECT 1 FROM grid.feeder_section x WHERE x.feeder_ref = f.source_id))
), best AS (
    SELECT DISTINCT ON (feeder_id) feeder_id, line_kind, geom, d
    FROM near ORDER BY feeder_id, d, line_kind NULLS LAST
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

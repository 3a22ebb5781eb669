-- Public distribution transformers within :radius metres of the site (:lon, :lat, EPSG:4490):
-- KNN (<->) on the geography GiST index, re-ranked by exact ST_Distance on the ellipsoid, with the
-- feeder and busbar behind each. Run by CandidateSearchRepository, and as is by bench/siting-http.sh.
-- The feeder and its busbar's main transformer are looked up per transformer (LATERAL, LIMIT 1)
-- rather than joined: the same rows, and PostgreSQL plans it in less time, which counts when the
-- statement is not prepared (psql: 0.67 against 0.81 ms).

SELECT t.source_id, t.name, t.d, t.feeder_ref, fb.conductor, fb.substation_ref, fb.busbar_ref,
       fb.main_transformer_ref, fb.connected_customers, fb.tie_feeder_refs, t.lon, t.lat
FROM (
    SELECT t.source_id, t.name, t.feeder_ref, ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat,
           ST_Distance(t.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography) AS d
    FROM grid.distribution_transformer t
    WHERE ST_DWithin(t.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography, :radius)
      AND t.lifecycle = 'IN_SERVICE' AND t.ownership = 'PUBLIC'
    ORDER BY t.geom::geography <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography
    LIMIT :limit) t
LEFT JOIN LATERAL (
    SELECT f.conductor, f.substation_ref, f.busbar_ref, f.connected_customers, f.tie_feeder_refs,
           (SELECT bb.main_transformer_ref FROM grid.busbar bb
            WHERE bb.source_id = f.busbar_ref AND bb.lifecycle = 'IN_SERVICE' LIMIT 1) AS main_transformer_ref
    FROM grid.feeder f
    WHERE f.source_id = t.feeder_ref AND f.lifecycle = 'IN_SERVICE'
    LIMIT 1) fb ON true
ORDER BY t.d, t.source_id

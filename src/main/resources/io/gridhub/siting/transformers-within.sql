-- Public distribution transformers within :radius metres of the site (:lon, :lat, EPSG:4490):
-- KNN (<->) on the geography GiST index, re-ranked by exact ST_Distance on the ellipsoid, with the
-- feeder and busbar behind each. Run by CandidateSearchRepository, and as is by bench/siting-http.sh.

SELECT t.source_id, t.name, t.d, t.feeder_ref, f.conductor, f.substation_ref, f.busbar_ref,
       bb.main_transformer_ref, f.connected_customers, f.tie_feeder_refs, t.lon, t.lat
FROM (
    SELECT t.source_id, t.name, t.feeder_ref, ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat,
           ST_Distance(t.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography) AS d
    FROM grid.distribution_transformer t
    WHERE ST_DWithin(t.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography, :radius)
      AND t.lifecycle = 'IN_SERVICE' AND t.ownership = 'PUBLIC'
    ORDER BY t.geom::geography <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography
    LIMIT :limit) t
LEFT JOIN grid.feeder f ON f.source_id = t.feeder_ref AND f.lifecycle = 'IN_SERVICE'
LEFT JOIN grid.busbar bb ON bb.source_id = f.busbar_ref AND bb.lifecycle = 'IN_SERVICE'
ORDER BY t.d, t.source_id

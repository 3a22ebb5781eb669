-- One Mapbox Vector Tile of the capacity layer: each in-service distribution transformer, feeder
-- and main transformer in the tile with the terms of its open capacity, set-based in one query
-- (CapacityRules states the same rule per asset in Java; CapacityTileIT holds the two equal):
--   rated  = nameplate kVA, else √3 × kV × A
--   cap    = allowed loading; feeders: N-1 cap by ties; main transformers: by main transformers in the substation
--   peak   = largest kW ÷ cos φ (measured, else :power_factor) of the window (measured_peak_load_asset_idx)
--   open   = rated × cap − peak − committed × simultaneity (null when no peak was measured: never taken as zero)
--   loading = (peak + committed × simultaneity) ÷ rated
-- Assets are found through the GiST index on geom (main transformers through their substation's).
WITH bounds AS (
    SELECT ST_TileEnvelope(:z, :x, :y) AS tile,
           ST_MakeEnvelope(:min_lon, :min_lat, :max_lon, :max_lat, 4490) AS box
), caps AS (
    SELECT CAST(:feeder_ties AS int[]) AS feeder_ties, CAST(:feeder_caps AS float8[]) AS feeder_caps,
           CAST(:mt_counts AS int[]) AS mt_counts, CAST(:mt_caps AS float8[]) AS mt_caps
), assets AS (
    SELECT 'DISTRIBUTION_TRANSFORMER' AS asset_type, a.source_id, a.name, a.rated_kva::float8 AS rated_kva,
           CAST(:allowed_loading AS float8) AS cap, a.feeder_ref AS feeder_id, a.geom
    FROM grid.distribution_transformer a, bounds b
    WHERE a.geom && b.box AND a.lifecycle = 'IN_SERVICE' AND :z >= :min_zoom_distribution_transformer
    UNION ALL
    SELECT 'FEEDER', a.source_id, a.name, coalesce(a.rated_kva, sqrt(3) * a.voltage_kv * a.rated_current_a)::float8,
           coalesce((SELECT t.cap FROM caps, unnest(caps.feeder_ties, caps.feeder_caps) AS t(n, cap)
                     WHERE t.n <= cardinality(a.tie_feeder_refs) ORDER BY t.n DESC LIMIT 1), :allowed_loading),
           a.source_id, ST_Simplify(a.geom, :tolerance, true)
    FROM grid.feeder a, bounds b
    WHERE a.geom && b.box AND a.lifecycle = 'IN_SERVICE' AND :z >= :min_zoom_feeder
    UNION ALL
    SELECT 'MAIN_TRANSFORMER', a.source_id, a.name, a.rated_kva::float8,
           coalesce((SELECT t.cap FROM caps, unnest(caps.mt_counts, caps.mt_caps) AS t(n, cap)
                     WHERE t.n <= (SELECT count(*) FROM grid.main_transformer m2
                                   WHERE m2.substation_ref = a.substation_ref AND m2.lifecycle = 'IN_SERVICE')
                     ORDER BY t.n DESC LIMIT 1), :allowed_loading),
           NULL, coalesce(a.geom, ST_PointOnSurface(s.geom))
    FROM grid.main_transformer a
    JOIN grid.substation s ON s.source_id = a.substation_ref AND s.lifecycle = 'IN_SERVICE', bounds b
    WHERE s.geom && b.box AND a.lifecycle = 'IN_SERVICE' AND :z >= :min_zoom_main_transformer
), terms AS (
    SELECT a.*, pk.peak_kva, coalesce(cm.kva, 0)::float8 * :simultaneity AS committed_kva
    FROM assets a
    LEFT JOIN LATERAL (
        SELECT max(p.peak_kw / coalesce(p.power_factor, :power_factor))::float8 AS peak_kva
        FROM grid.measured_peak_load p
        WHERE p.asset_type = a.asset_type AND p.asset_ref = a.source_id
          AND p.period_start BETWEEN CAST(:window_from AS date) AND CAST(:window_to AS date)) pk ON true
    LEFT JOIN LATERAL (
        SELECT sum(c.committed_kva) AS kva FROM capacity.commitment c
        WHERE c.status = 'ACCEPTED' AND c.asset_type = a.asset_type AND c.asset_ref = a.source_id) cm ON true
)
SELECT ST_AsMVT(t, 'capacity', :extent, 'geom') FROM (
    SELECT a.asset_type, a.source_id AS asset_id, a.name, a.feeder_id,
           round(a.rated_kva::numeric, 1)::float8 AS rated_kva, a.cap,
           round(a.peak_kva::numeric, 1)::float8 AS peak_kva,
           round(a.committed_kva::numeric, 1)::float8 AS committed_kva,
           round((a.rated_kva * a.cap - a.peak_kva - a.committed_kva)::numeric, 1)::float8 AS open_kva,
           round(((a.peak_kva + a.committed_kva) / a.rated_kva)::numeric, 3)::float8 AS loading,
           a.peak_kva IS NULL AS load_missing,
           ST_AsMVTGeom(ST_Transform(a.geom, 3857), b.tile, :extent, :buffer, true) AS geom
    FROM terms a, bounds b
) t
WHERE t.geom IS NOT NULL

-- One Mapbox Vector Tile of the grid layer: every in-service asset in the tile with its type and
-- rating. Each asset type is read through its GiST index on geom (the lon/lat box of the tile,
-- grown by the buffer); a type below its minimum zoom is not read at all (a one-time filter).
-- Lines are simplified by zoom (:tolerance degrees, about a pixel) before they are cut and
-- quantised to the tile grid by ST_AsMVTGeom.
WITH bounds AS (
    SELECT ST_TileEnvelope(:z, :x, :y) AS tile,
           ST_MakeEnvelope(:min_lon, :min_lat, :max_lon, :max_lat, 4490) AS box
), assets AS (
    SELECT 'SUBSTATION' AS asset_type, a.source_id, a.name, NULL::float8 AS rated_kva, a.voltage_kv::float8 AS voltage_kv,
           NULL::text AS kind, NULL::text AS feeder_id, a.geom
    FROM grid.substation a, bounds b
    WHERE a.geom && b.box AND a.lifecycle = 'IN_SERVICE' AND :z >= :min_zoom_substation
    UNION ALL
    SELECT 'MAIN_TRANSFORMER', a.source_id, a.name, a.rated_kva::float8, NULL, NULL, NULL, a.geom
    FROM grid.main_transformer a, bounds b
    WHERE a.geom && b.box AND a.lifecycle = 'IN_SERVICE' AND :z >= :min_zoom_main_transformer
    UNION ALL
    SELECT 'BUSBAR', a.source_id, a.name, NULL, a.voltage_kv::float8, NULL, NULL, ST_Simplify(a.geom, :tolerance, true)
    FROM grid.busbar a, bounds b
    WHERE a.geom && b.box AND a.lifecycle = 'IN_SERVICE' AND :z >= :min_zoom_busbar
    UNION ALL
    SELECT 'FEEDER', a.source_id, a.name,
           coalesce(a.rated_kva, sqrt(3) * a.voltage_kv * a.rated_current_a)::float8, a.voltage_kv::float8,
           a.conductor, a.source_id, ST_Simplify(a.geom, :tolerance, true)
    FROM grid.feeder a, bounds b
    WHERE a.geom && b.box AND a.lifecycle = 'IN_SERVICE' AND :z >= :min_zoom_feeder
    UNION ALL
    SELECT 'FEEDER_SECTION', a.source_id, a.name, NULL, NULL, a.line_kind, a.feeder_ref, ST_Simplify(a.geom, :tolerance, true)
    FROM grid.feeder_section a, bounds b
    WHERE a.geom && b.box AND a.lifecycle = 'IN_SERVICE' AND :z >= :min_zoom_feeder_section
    UNION ALL
    SELECT 'RING_MAIN_UNIT', a.source_id, a.name, NULL, NULL, a.kind, a.feeder_ref, a.geom
    FROM grid.ring_main_unit a, bounds b
    WHERE a.geom && b.box AND a.lifecycle = 'IN_SERVICE' AND :z >= :min_zoom_ring_main_unit
    UNION ALL
    SELECT 'DISTRIBUTION_TRANSFORMER', a.source_id, a.name, a.rated_kva::float8, NULL, a.kind, a.feeder_ref, a.geom
    FROM grid.distribution_transformer a, bounds b
    WHERE a.geom && b.box AND a.lifecycle = 'IN_SERVICE' AND :z >= :min_zoom_distribution_transformer
    UNION ALL
    SELECT 'POLE', a.source_id, coalesce(a.pole_number, a.name), NULL, NULL, NULL, a.feeder_ref, a.geom
    FROM grid.pole a, bounds b
    WHERE a.geom && b.box AND a.lifecycle = 'IN_SERVICE' AND :z >= :min_zoom_pole
)
SELECT ST_AsMVT(t, 'grid', :extent, 'geom') FROM (
    SELECT a.asset_type, a.source_id AS asset_id, a.name, round(a.rated_kva::numeric, 1)::float8 AS rated_kva,
           a.voltage_kv, a.kind, a.feeder_id,
           ST_AsMVTGeom(ST_Transform(a.geom, 3857), b.tile, :extent, :buffer, true) AS geom
    FROM assets a, bounds b
) t
WHERE t.geom IS NOT NULL

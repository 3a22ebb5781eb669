-- Grid store: one table per equipment kind, as the production GIS and MIS describe the 10 kV network.
--
-- Storage CRS: CGCS2000 geographic, EPSG:4490 (lon/lat degrees, within centimetres of WGS84).
-- Ordos straddles the 108°E / 111°E Gauss–Krüger zones, so one projected zone would distort the
-- western banners; every distance the hub reports is computed on the ellipsoid instead, through
-- the geography type (geom::geography), which is in true metres. Each table has a GiST index on
-- geom for bounding-box queries and one on geom::geography for metre-based nearest-neighbour
-- and radius searches.
--
-- Identity: every asset is keyed by (feed_id, source_id): the feed that brought it and the id the
-- source system gives it (设备编码). References between assets (a transformer's feeder, a feeder's
-- substation) are by source id (*_ref columns), because they are resolved across feeds: the
-- feeder layer may come from the GIS and the transformer table from the production MIS.
--
-- Lifecycle: assets are never deleted by a sync; a full snapshot that no longer contains an asset
-- retires it (lifecycle = 'RETIRED', retired_at set). Queries for planning read in-service assets.

CREATE SCHEMA IF NOT EXISTS grid;

-- Columns every equipment table shares. Kept as a comment-documented convention rather than table
-- inheritance, whose unique constraints and indexes do not carry over to children.
--   id               surrogate key
--   feed_id          feed that brought the record (hub.feeds.<feed-id>)
--   source_id        the source system's id of the asset (设备编码)
--   name             display name as the source spells it
--   lifecycle        IN_SERVICE | RETIRED
--   in_service_since when the hub first saw the asset
--   retired_at       when a full snapshot stopped containing it
--   updated_at       last change of any mapped field
--   content_hash     hash of the mapped fields, so an unchanged record is not rewritten
--   attributes       source attributes the mapping did not name, kept for the GIS team

-- 变电站: a site where 110/35 kV is transformed down to 10 kV.
CREATE TABLE grid.substation (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id          text        NOT NULL,
    source_id        text        NOT NULL,
    name             text,
    voltage_kv       numeric(6,1) NOT NULL CHECK (voltage_kv > 0),
    geom             geometry(Geometry, 4490) NOT NULL,
    lifecycle        text        NOT NULL DEFAULT 'IN_SERVICE' CHECK (lifecycle IN ('IN_SERVICE', 'RETIRED')),
    in_service_since timestamptz NOT NULL DEFAULT now(),
    retired_at       timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    content_hash     bigint,
    attributes       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (feed_id, source_id)
);

-- 主变: a main transformer of a substation, feeding its 10 kV busbars.
CREATE TABLE grid.main_transformer (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id          text        NOT NULL,
    source_id        text        NOT NULL,
    name             text,
    substation_ref   text        NOT NULL,
    rated_kva        numeric(12,1) NOT NULL CHECK (rated_kva > 0),
    -- Production MIS tables often carry no location for a main transformer: then it stands at its substation.
    geom             geometry(Point, 4490),
    lifecycle        text        NOT NULL DEFAULT 'IN_SERVICE' CHECK (lifecycle IN ('IN_SERVICE', 'RETIRED')),
    in_service_since timestamptz NOT NULL DEFAULT now(),
    retired_at       timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    content_hash     bigint,
    attributes       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (feed_id, source_id)
);

-- 母线: a 10 kV busbar section of a substation, supplied by one main transformer.
CREATE TABLE grid.busbar (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id                text        NOT NULL,
    source_id              text        NOT NULL,
    name                   text,
    substation_ref         text        NOT NULL,
    main_transformer_ref   text,
    voltage_kv             numeric(6,1) NOT NULL DEFAULT 10 CHECK (voltage_kv > 0),
    geom                   geometry(Geometry, 4490),
    lifecycle              text        NOT NULL DEFAULT 'IN_SERVICE' CHECK (lifecycle IN ('IN_SERVICE', 'RETIRED')),
    in_service_since       timestamptz NOT NULL DEFAULT now(),
    retired_at             timestamptz,
    updated_at             timestamptz NOT NULL DEFAULT now(),
    content_hash           bigint,
    attributes             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (feed_id, source_id)
);

-- 10 kV 馈线 (线路): a feeder leaving a substation busbar. Its geometry is the whole line; where the
-- GIS publishes line sections instead, they are kept in feeder_section and the feeder geometry is
-- their union (null until the sections arrive).
CREATE TABLE grid.feeder (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id              text        NOT NULL,
    source_id            text        NOT NULL,
    name                 text,
    substation_ref       text        NOT NULL,
    busbar_ref           text,
    voltage_kv           numeric(6,1) NOT NULL DEFAULT 10 CHECK (voltage_kv > 0),
    conductor            text,
    rated_current_a      numeric(8,1) CHECK (rated_current_a > 0),
    rated_kva            numeric(12,1) CHECK (rated_kva > 0),
    tie_feeder_refs      text[]      NOT NULL DEFAULT '{}',
    connected_customers  integer     CHECK (connected_customers >= 0),
    geom                 geometry(MultiLineString, 4490),
    lifecycle            text        NOT NULL DEFAULT 'IN_SERVICE' CHECK (lifecycle IN ('IN_SERVICE', 'RETIRED')),
    in_service_since     timestamptz NOT NULL DEFAULT now(),
    retired_at           timestamptz,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    content_hash         bigint,
    attributes           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (feed_id, source_id),
    CHECK (rated_current_a IS NOT NULL OR rated_kva IS NOT NULL)
);

-- 导线段: one line section of a feeder, as GIS exports publish them.
CREATE TABLE grid.feeder_section (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id          text        NOT NULL,
    source_id        text        NOT NULL,
    name             text,
    feeder_ref       text        NOT NULL,
    conductor        text,
    -- OVERHEAD (架空) or CABLE (电缆)
    line_kind        text        CHECK (line_kind IN ('OVERHEAD', 'CABLE')),
    geom             geometry(LineString, 4490) NOT NULL,
    lifecycle        text        NOT NULL DEFAULT 'IN_SERVICE' CHECK (lifecycle IN ('IN_SERVICE', 'RETIRED')),
    in_service_since timestamptz NOT NULL DEFAULT now(),
    retired_at       timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    content_hash     bigint,
    attributes       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (feed_id, source_id)
);

-- 杆塔: a pole or tower carrying an overhead feeder; its number is what a supply plan names.
CREATE TABLE grid.pole (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id          text        NOT NULL,
    source_id        text        NOT NULL,
    name             text,
    feeder_ref       text        NOT NULL,
    pole_number      text,
    geom             geometry(Point, 4490) NOT NULL,
    lifecycle        text        NOT NULL DEFAULT 'IN_SERVICE' CHECK (lifecycle IN ('IN_SERVICE', 'RETIRED')),
    in_service_since timestamptz NOT NULL DEFAULT now(),
    retired_at       timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    content_hash     bigint,
    attributes       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (feed_id, source_id)
);

-- 环网柜 / 开关站 / 电缆分支箱: switchgear on a cable feeder with bays (间隔) for new connections.
CREATE TABLE grid.ring_main_unit (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id          text        NOT NULL,
    source_id        text        NOT NULL,
    name             text,
    kind             text        NOT NULL CHECK (kind IN ('RING_MAIN_UNIT', 'SWITCHING_STATION', 'CABLE_BRANCH_BOX')),
    feeder_ref       text        NOT NULL,
    total_bays       integer     NOT NULL CHECK (total_bays > 0),
    spare_bays       integer     NOT NULL CHECK (spare_bays >= 0),
    geom             geometry(Point, 4490) NOT NULL,
    lifecycle        text        NOT NULL DEFAULT 'IN_SERVICE' CHECK (lifecycle IN ('IN_SERVICE', 'RETIRED')),
    in_service_since timestamptz NOT NULL DEFAULT now(),
    retired_at       timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    content_hash     bigint,
    attributes       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (feed_id, source_id),
    CHECK (spare_bays <= total_bays)
);

-- 配变: a 10/0.4 kV distribution transformer, pole-mounted (柱上变) or box-type (箱变),
-- public (公变) or dedicated to one customer (专变).
CREATE TABLE grid.distribution_transformer (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id          text        NOT NULL,
    source_id        text        NOT NULL,
    name             text,
    kind             text        NOT NULL CHECK (kind IN ('POLE_MOUNTED', 'BOX_TYPE')),
    ownership        text        NOT NULL CHECK (ownership IN ('PUBLIC', 'DEDICATED')),
    rated_kva        numeric(10,1) NOT NULL CHECK (rated_kva > 0),
    feeder_ref       text        NOT NULL,
    pole_ref         text,
    ring_main_unit_ref text,
    geom             geometry(Point, 4490) NOT NULL,
    lifecycle        text        NOT NULL DEFAULT 'IN_SERVICE' CHECK (lifecycle IN ('IN_SERVICE', 'RETIRED')),
    in_service_since timestamptz NOT NULL DEFAULT now(),
    retired_at       timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    content_hash     bigint,
    attributes       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (feed_id, source_id)
);

-- 最大负荷: the measured peak load of one asset over one period, from the production MIS (PMS).
CREATE TABLE grid.measured_peak_load (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id          text        NOT NULL,
    asset_type       text        NOT NULL CHECK (asset_type IN ('DISTRIBUTION_TRANSFORMER', 'FEEDER', 'MAIN_TRANSFORMER')),
    asset_ref        text        NOT NULL,
    period_start     date        NOT NULL,
    period_end       date        NOT NULL,
    peak_kw          numeric(12,1) NOT NULL CHECK (peak_kw >= 0),
    -- measured power factor where the MIS reports it; the configured default applies otherwise
    power_factor     numeric(4,3) CHECK (power_factor > 0 AND power_factor <= 1),
    measured_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (asset_type, asset_ref, period_start),
    CHECK (period_end >= period_start)
);

-- Spatial indexes: bounding boxes in degrees (map viewports) and ellipsoidal metres (siting).
CREATE INDEX substation_geom_gix               ON grid.substation               USING gist (geom);
CREATE INDEX substation_geog_gix               ON grid.substation               USING gist ((geom::geography));
CREATE INDEX main_transformer_geom_gix         ON grid.main_transformer         USING gist (geom);
CREATE INDEX busbar_geom_gix                   ON grid.busbar                   USING gist (geom);
CREATE INDEX feeder_geom_gix                   ON grid.feeder                   USING gist (geom);
CREATE INDEX feeder_geog_gix                   ON grid.feeder                   USING gist ((geom::geography));
CREATE INDEX feeder_section_geom_gix           ON grid.feeder_section           USING gist (geom);
CREATE INDEX feeder_section_geog_gix           ON grid.feeder_section           USING gist ((geom::geography));
CREATE INDEX pole_geom_gix                     ON grid.pole                     USING gist (geom);
CREATE INDEX pole_geog_gix                     ON grid.pole                     USING gist ((geom::geography));
CREATE INDEX ring_main_unit_geom_gix           ON grid.ring_main_unit           USING gist (geom);
CREATE INDEX ring_main_unit_geog_gix           ON grid.ring_main_unit           USING gist ((geom::geography));
CREATE INDEX distribution_transformer_geom_gix ON grid.distribution_transformer USING gist (geom);
CREATE INDEX distribution_transformer_geog_gix ON grid.distribution_transformer USING gist ((geom::geography));

-- Reference lookups along the supply chain.
CREATE INDEX main_transformer_substation_idx ON grid.main_transformer (substation_ref);
CREATE INDEX busbar_substation_idx           ON grid.busbar (substation_ref);
CREATE INDEX feeder_substation_idx           ON grid.feeder (substation_ref);
CREATE INDEX feeder_source_idx               ON grid.feeder (source_id);
CREATE INDEX feeder_section_feeder_idx       ON grid.feeder_section (feeder_ref);
CREATE INDEX pole_feeder_idx                 ON grid.pole (feeder_ref);
CREATE INDEX ring_main_unit_feeder_idx       ON grid.ring_main_unit (feeder_ref);
CREATE INDEX distribution_transformer_feeder_idx ON grid.distribution_transformer (feeder_ref);
CREATE INDEX substation_source_idx           ON grid.substation (source_id);
CREATE INDEX main_transformer_source_idx     ON grid.main_transformer (source_id);
CREATE INDEX busbar_source_idx               ON grid.busbar (source_id);
CREATE INDEX measured_peak_load_asset_idx    ON grid.measured_peak_load (asset_type, asset_ref, period_start DESC);

-- Main transformers per substation: the N-1 loading cap depends on this count.
CREATE VIEW grid.substation_main_transformers AS
SELECT s.source_id AS substation_ref,
       count(m.id) FILTER (WHERE m.lifecycle = 'IN_SERVICE') AS main_transformer_count,
       coalesce(sum(m.rated_kva) FILTER (WHERE m.lifecycle = 'IN_SERVICE'), 0) AS rated_kva_total
FROM grid.substation s
LEFT JOIN grid.main_transformer m ON m.substation_ref = s.source_id
GROUP BY s.source_id;

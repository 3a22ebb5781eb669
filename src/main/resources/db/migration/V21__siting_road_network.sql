-- Road network for route lengths (道路网), optional: when it holds edges and pgRouting is
-- installed in the database, siting measures the new line along roads (pgr_dijkstra) instead of
-- straight line × detour factor, and says which method it used. Loaded by the GIS team, e.g.
-- osm2pgsql + pgr_createTopology, or any export of road centre lines with their end vertices.
CREATE SCHEMA IF NOT EXISTS siting;

-- A junction or end point of the road network.
CREATE TABLE siting.road_vertex (
    id   bigint PRIMARY KEY,
    geom geometry(Point, 4490) NOT NULL
);

-- A road segment between two vertices; length in metres (geodesic), walkable both ways.
CREATE TABLE siting.road_edge (
    id       bigint PRIMARY KEY,
    source   bigint NOT NULL REFERENCES siting.road_vertex (id),
    target   bigint NOT NULL REFERENCES siting.road_vertex (id),
    length_m double precision NOT NULL CHECK (length_m >= 0),
    geom     geometry(LineString, 4490) NOT NULL
);

CREATE INDEX road_vertex_geog_gix ON siting.road_vertex USING gist ((geom::geography));
CREATE INDEX road_edge_geom_gix   ON siting.road_edge   USING gist (geom);

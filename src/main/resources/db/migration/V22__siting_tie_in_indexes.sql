-- Tie-in lookups: the nearest pole, and the nearest ring main unit with spare bays, OF ONE FEEDER
-- to the site. With only V1's feeder_ref btree every pole of the feeder (a hundred or more) is
-- fetched and measured; with (feeder_ref, geom::geography) in one GiST index the lookup is a
-- nearest-neighbour scan restricted to the feeder, touching a handful of pages.
-- btree_gist (a trusted extension: the database owner may create it) gives GiST the text equality.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE INDEX IF NOT EXISTS pole_feeder_geog_gix           ON grid.pole           USING gist (feeder_ref, (geom::geography));
CREATE INDEX IF NOT EXISTS ring_main_unit_feeder_geog_gix ON grid.ring_main_unit USING gist (feeder_ref, (geom::geography));

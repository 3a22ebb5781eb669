-- Poles and ring main units are only ever searched within one feeder (the tie-in lookups of
-- siting, served by V22's (feeder_ref, geom::geography) GiST indexes) or by map viewport (the
-- geom GiST of V1). V1's plain geography indexes on them served no query, yet every feed run
-- maintained them: on the 1M-asset benchmark 85 % of the rows are poles, and the full load
-- through the file drop slowed from 35 s to 70 s once V22 added its indexes beside them.
DROP INDEX IF EXISTS grid.pole_geog_gix;
DROP INDEX IF EXISTS grid.ring_main_unit_geog_gix;

-- The tie-in lookups of siting (a feeder's nearest pole, its nearest ring main unit with spare bays)
-- no longer need V22's (feeder_ref, geom::geography) GiST indexes: they search the feeder's poles
-- inside a lon/lat box around the site with V1's plain geom GiST and the feeder_ref btrees, and
-- measure the few rows in the box exactly (CandidateSearchRepository.TIE_INS).
--
-- Those indexes made every feed load pay for siting: inserting the 849k poles of the 1M-asset full
-- feed load takes 9.1 s without pole_feeder_geog_gix and 49.6 s with it, 40 s of the load's 66 s.
-- Alternatives measured on the same insert: (feeder_ref, geom) is just as slow, (hashtext(feeder_ref),
-- geom) takes 16.4 s; the plain geom GiST alone adds about 3.7 s (and builds in 1.4 s).
--
-- V22 still creates btree_gist on a new database (applied migrations are immutable); the extension
-- is left installed here, since another schema of the same database may use it.
DROP INDEX IF EXISTS grid.pole_feeder_geog_gix;
DROP INDEX IF EXISTS grid.ring_main_unit_feeder_geog_gix;

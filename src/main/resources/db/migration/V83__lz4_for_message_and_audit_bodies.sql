-- The documents every MIS case writes (the supply plan and its version, the audit's before and after,
-- outbox bodies, stored replies) are a few to tens of kB each and are compressed when stored.
-- PostgreSQL's default, pglz, compresses several times slower than LZ4 (for a similar ratio on JSON
-- and XML), and these inserts were the largest share of the database's time per case apart from its
-- siting answer. New values use LZ4; existing ones stay as they are and read back the same. A server
-- built without LZ4 keeps pglz (a notice, not an error).
DO $$
BEGIN
  ALTER TABLE cases.audit_log ALTER COLUMN before SET COMPRESSION lz4, ALTER COLUMN after SET COMPRESSION lz4;
  ALTER TABLE plans.supply_plan ALTER COLUMN content SET COMPRESSION lz4;
  ALTER TABLE plans.plan_version ALTER COLUMN content SET COMPRESSION lz4;
  ALTER TABLE messaging.outbox ALTER COLUMN body SET COMPRESSION lz4;
  ALTER TABLE messaging.inbound_message ALTER COLUMN reply SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'this PostgreSQL has no LZ4: the documents stay compressed with pglz (%)', SQLERRM;
END
$$;

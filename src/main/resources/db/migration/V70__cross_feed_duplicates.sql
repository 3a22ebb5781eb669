-- Cross-feed duplicates (issue 11 item 14): the same asset (type and source id) published by two
-- feeds, e.g. a WFS and an OGC API feed of one GIS. The store keeps both rows (each feed's run
-- merges and retires its own), but only one is IN_SERVICE: the oldest row (the feed that loaded
-- the asset first). The others are DUPLICATE: not in service for any reader (siting, capacity,
-- the grid API all read IN_SERVICE), kept up to date by their feed, and promoted when the one in
-- service is retired. Runs report them (feeds.feed_run.cross_feed_duplicates, FLAGGED quarantine
-- records "also published by feed X").

DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.conrelid::regclass::text AS tbl, c.conname
        FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'grid' AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%lifecycle%'
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (lifecycle IN (''IN_SERVICE'', ''RETIRED'', ''DUPLICATE''))',
                       r.tbl, r.conname);
        -- duplicates already in the store: the oldest row stays in service
        EXECUTE format('UPDATE %s t SET lifecycle = ''DUPLICATE'', updated_at = now()'
                       ' WHERE t.lifecycle = ''IN_SERVICE'' AND EXISTS (SELECT 1 FROM %s o'
                       ' WHERE o.source_id = t.source_id AND o.feed_id <> t.feed_id AND o.lifecycle = ''IN_SERVICE'' AND o.id < t.id)',
                       r.tbl, r.tbl);
    END LOOP;
END $$;

ALTER TABLE feeds.feed_run ADD COLUMN cross_feed_duplicates bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN feeds.feed_run.cross_feed_duplicates IS
    'records of the run whose asset (type, source id) another feed holds in service: kept as DUPLICATE';

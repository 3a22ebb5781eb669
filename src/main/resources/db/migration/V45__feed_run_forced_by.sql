-- A full snapshot that would retire more than the retire guard allows (or holds no record at all)
-- fails unless a GIS analyst forces it through the API; the run records who did, for the audit.
ALTER TABLE feeds.feed_run ADD COLUMN forced_by text;

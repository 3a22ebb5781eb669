-- Feeds: the record of every run that synchronised the grid store with a source, the records a run
-- refused (quarantine) or loaded with a warning (flags), and per-feed state that must survive a
-- restart (the watermark of incremental MIS polls).
--
-- A run's data becomes visible in one merge transaction; the run row itself is written outside
-- that transaction (autocommit) so that its progress can be read while it runs, and so that a
-- failed run is still on record after its merge rolled back.

CREATE SCHEMA IF NOT EXISTS feeds;

CREATE TABLE feeds.feed_run (
    id            uuid        PRIMARY KEY,
    feed_id       text        NOT NULL,
    -- SCHEDULE (cron), MANUAL (API), FILE (a file arrived in the inbox)
    trigger       text        NOT NULL CHECK (trigger IN ('SCHEDULE', 'MANUAL', 'FILE')),
    -- what was read: a file name, a URL; for display only
    source        text,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    -- RUNNING until the merge committed (SUCCEEDED) or rolled back (FAILED)
    status        text        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    -- what the run is doing now (reading, merging …), for a progress display
    phase         text,
    read          bigint      NOT NULL DEFAULT 0,
    inserted      bigint      NOT NULL DEFAULT 0,
    updated       bigint      NOT NULL DEFAULT 0,
    unchanged     bigint      NOT NULL DEFAULT 0,
    retired       bigint      NOT NULL DEFAULT 0,
    quarantined   bigint      NOT NULL DEFAULT 0,
    -- loaded, but with an unresolved reference (a transformer whose feeder is not in the store)
    flagged       bigint      NOT NULL DEFAULT 0,
    error         text,
    -- minLon, minLat, maxLon, maxLat (EPSG:4490) of what the run changed
    extent        double precision[]
);

CREATE INDEX feed_run_feed_idx ON feeds.feed_run (feed_id, started_at DESC);

-- Records a run did not load (QUARANTINED), or loaded with a warning (FLAGGED), with the raw
-- content as the source sent it and the reason, so the GIS team can correct the source.
CREATE TABLE feeds.quarantine (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id       uuid        NOT NULL REFERENCES feeds.feed_run (id) ON DELETE CASCADE,
    feed_id      text        NOT NULL,
    asset_type   text,
    source_id    text,
    disposition  text        NOT NULL CHECK (disposition IN ('QUARANTINED', 'FLAGGED')),
    reason       text        NOT NULL,
    raw          text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX quarantine_run_idx ON feeds.quarantine (run_id, id);

-- State carried from one run of a feed to the next; written in the merge transaction, so a failed
-- run never advances it.
CREATE TABLE feeds.feed_state (
    feed_id     text PRIMARY KEY,
    -- highest value of the watermark column merged so far (incremental JDBC polls), as text
    watermark   text,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

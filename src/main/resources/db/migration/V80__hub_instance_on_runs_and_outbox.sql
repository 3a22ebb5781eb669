-- With several hub instances on one database, which instance ran a run, and for a scheduled run the
-- firing it belongs to: clustered Quartz claims each firing once, and these two columns let an
-- operator (and TwoHubsIT) see that every firing ran exactly once, and where.
ALTER TABLE feeds.feed_run ADD COLUMN hub_instance text;
ALTER TABLE feeds.feed_run ADD COLUMN scheduled_for timestamptz;
COMMENT ON COLUMN feeds.feed_run.hub_instance IS
    'Quartz scheduler instance id (quartz.qrtz_scheduler_state.instance_name) of the hub that ran it';
COMMENT ON COLUMN feeds.feed_run.scheduled_for IS
    'SCHEDULE runs: the scheduled fire time of the Quartz firing that started it';

-- The same for the outbox: the hub instance whose relay sent a row (one relay is active at a time,
-- under an advisory lock; with several instances the lock passes between them).
ALTER TABLE messaging.outbox ADD COLUMN sent_by text;
COMMENT ON COLUMN messaging.outbox.sent_by IS
    'Quartz scheduler instance id of the hub whose outbox relay sent the row (the last send, if sent again)';

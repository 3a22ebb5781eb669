-- Transactional outbox (发件箱): messages to other systems, written in the same transaction as the
-- change they report, sent to the broker by the outbox relay route after the commit.
--
-- The relay sends unsent rows in id order; rows of one ordering key (a case) keep their order.
-- message_id is the IEC 61968-100 MessageID the receiver deduplicates by: a row sent twice (the hub
-- died between the send and marking it sent) carries the same id both times.
CREATE SCHEMA IF NOT EXISTS messaging;

CREATE TABLE messaging.outbox (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id     text        NOT NULL UNIQUE,
    address        text        NOT NULL,
    ordering_key   text        NOT NULL,
    verb           text        NOT NULL,
    noun           text        NOT NULL,
    correlation_id text,
    -- the whole EventMessage as sent
    body           text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    sent_at        timestamptz,
    attempts       integer     NOT NULL DEFAULT 0,
    last_error     text
);

-- The relay reads only what is still to be sent.
CREATE INDEX outbox_unsent_idx ON messaging.outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_key_idx ON messaging.outbox (ordering_key, id);

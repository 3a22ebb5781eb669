-- Inbound message log (收件记录): every changing IEC 61968-100 request from the marketing MIS that the
-- hub answered, keyed by its Header/MessageID, with the reply it got. The dispatcher writes the row in
-- the same transaction as the change the request made, so a redelivered or duplicated request finds
-- the row and gets the stored reply again, unchanged, and changes nothing.
--
-- A second copy handled at the same moment by another consumer or hub instance waits on the first
-- one's uncommitted row (primary key), then reads its reply.
CREATE SCHEMA IF NOT EXISTS messaging;

CREATE TABLE messaging.inbound_message (
    message_id  text        PRIMARY KEY,
    verb        text        NOT NULL,
    noun        text        NOT NULL,
    -- the whole response message as sent (XML or JSON, the form the request came in)
    reply       text,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- Rows are kept (a few hundred bytes per request); this index serves a clean-up by age when one is wanted.
CREATE INDEX inbound_message_received_idx ON messaging.inbound_message (received_at);

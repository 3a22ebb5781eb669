-- Power-on closes the loop: a connected customer's capacity promise keeps counting until a measured
-- peak after the connection includes its load (connected_at), and the new service point waits in
-- the pending GIS edits until the GIS team confirms it.

ALTER TABLE capacity.commitment ADD COLUMN IF NOT EXISTS connected_at timestamptz;

-- The release step looks only at connected promises still counting.
CREATE INDEX IF NOT EXISTS commitment_connected_idx ON capacity.commitment (asset_type, asset_ref)
    WHERE status = 'ACCEPTED' AND connected_at IS NOT NULL;

-- A service point the GIS has not drawn yet (one per case).
CREATE TABLE register.pending_gis_edit (
    id              uuid        PRIMARY KEY,
    case_no         text        NOT NULL UNIQUE,
    customer_no     text        NOT NULL,
    name            text,
    usage_category  text        NOT NULL,
    contracted_kva  numeric(12,1) NOT NULL,
    service_unit    text,
    transformer_ref text,
    feeder_ref      text,
    geom            geometry(Point, 4490) NOT NULL,
    connected_at    timestamptz NOT NULL,
    -- the created UsagePoint message sent to the GIS for it
    message_id      text        NOT NULL,
    confirmed_at    timestamptz,
    confirmed_by    text
);

CREATE INDEX pending_gis_edit_open_idx ON register.pending_gis_edit (connected_at) WHERE confirmed_at IS NULL;

-- Customers in supply per transformer and feeder as the register counts them (用户数).
CREATE VIEW register.connected_customers AS
SELECT 'DISTRIBUTION_TRANSFORMER' AS asset_type, transformer_ref AS asset_ref, count(*) AS customers
FROM register.customer WHERE lifecycle = 'IN_SERVICE' AND status <> 'CLOSED' AND transformer_ref IS NOT NULL
GROUP BY transformer_ref
UNION ALL
SELECT 'FEEDER', feeder_ref, count(*)
FROM register.customer WHERE lifecycle = 'IN_SERVICE' AND status <> 'CLOSED' AND feeder_ref IS NOT NULL
GROUP BY feeder_ref;

-- Capacity promised to accepted but not yet connected cases (已受理未接电的承诺容量).
--
-- Open capacity subtracts what is already promised, so two cases cannot be offered the same room
-- on a transformer, feeder or main transformer. A case commits its request on every link of its
-- supply chain (one row per link); the row is closed when the customer is connected (its load
-- then shows up in the measured peaks) or the case is cancelled.
CREATE SCHEMA IF NOT EXISTS capacity;

CREATE TABLE capacity.commitment (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the case (业扩工单号) that holds the promise
    case_ref      text          NOT NULL,
    asset_type    text          NOT NULL CHECK (asset_type IN ('DISTRIBUTION_TRANSFORMER', 'FEEDER', 'MAIN_TRANSFORMER')),
    -- source_id of the asset, like every *_ref of the grid store
    asset_ref     text          NOT NULL,
    committed_kva numeric(12,1) NOT NULL CHECK (committed_kva > 0),
    -- ACCEPTED counts against open capacity; CONNECTED and CANCELLED no longer do
    status        text          NOT NULL DEFAULT 'ACCEPTED' CHECK (status IN ('ACCEPTED', 'CONNECTED', 'CANCELLED')),
    committed_at  timestamptz   NOT NULL DEFAULT now(),
    closed_at     timestamptz,
    UNIQUE (case_ref, asset_type, asset_ref),
    CHECK ((status = 'ACCEPTED') = (closed_at IS NULL))
);

-- The open-capacity lookups read only the open promises of one asset.
CREATE INDEX commitment_open_idx ON capacity.commitment (asset_type, asset_ref) INCLUDE (committed_kva)
    WHERE status = 'ACCEPTED';

-- The peak window ends at the latest month loaded; max(period_start) is read through this index
-- instead of scanning every measured load.
CREATE INDEX measured_peak_load_period_idx ON grid.measured_peak_load (period_start);

-- Main transformers are found by substation for the substation-level check, and busbars by
-- source id when a feeder names its busbar (both already indexed in V1); pole and ring main unit
-- lookups per feeder use V1's feeder_ref indexes.

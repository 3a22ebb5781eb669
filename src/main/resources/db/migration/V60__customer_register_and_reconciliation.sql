-- The customer register (客户档案 / 用电户) from the marketing MIS, and the MIS ⇄ GIS
-- reconciliation (营配贯通 data quality) that compares it with the grid store.

CREATE SCHEMA IF NOT EXISTS register;

-- One customer with its usage point (计量点: meter, location, assignment to a transformer area).
-- Keyed by the MIS customer number alone: the register is one list whichever feed or message
-- wrote a customer last (feed_id says which).
CREATE TABLE register.customer (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_no      text        NOT NULL UNIQUE,
    feed_id          text        NOT NULL,
    name             text,
    meter_no         text,
    address          text,
    -- 居民生活 / 一般工商业 / 大工业 / 农业生产
    usage_category   text        NOT NULL CHECK (usage_category IN ('RESIDENTIAL', 'GENERAL_COMMERCIAL', 'LARGE_INDUSTRY', 'AGRICULTURE')),
    contracted_kva   numeric(12,1) NOT NULL CHECK (contracted_kva > 0),
    -- 正常 / 暂停 / 销户
    status           text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    -- 供电单位 (supply office) the customer is served by: the "unit" of reconciliation reports
    service_unit     text,
    -- 台区 code the MIS bills the customer under, and the transformer (source id) it names
    transformer_area text,
    transformer_ref  text,
    feeder_ref       text,
    geom             geometry(Point, 4490),
    lifecycle        text        NOT NULL DEFAULT 'IN_SERVICE' CHECK (lifecycle IN ('IN_SERVICE', 'RETIRED')),
    retired_at       timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    content_hash     bigint
);

CREATE INDEX customer_transformer_idx ON register.customer (transformer_ref);
CREATE INDEX customer_feed_idx        ON register.customer (feed_id);
CREATE INDEX customer_geog_gix        ON register.customer USING gist ((geom::geography));

CREATE SCHEMA IF NOT EXISTS reconciliation;

-- One reconciliation run (对账): its counts by kind and trend (new, still open, fixed) as jsonb.
CREATE TABLE reconciliation.run (
    id           uuid        PRIMARY KEY,
    trigger      text        NOT NULL CHECK (trigger IN ('SCHEDULE', 'MANUAL')),
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    status       text        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    error        text,
    customers    bigint,
    transformers bigint,
    -- {"KIND": {"found": n, "new": n, "fixed": n}, …}
    counts       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    found        bigint      NOT NULL DEFAULT 0,
    new_findings bigint      NOT NULL DEFAULT 0,
    fixed        bigint      NOT NULL DEFAULT 0
);

CREATE INDEX run_started_idx ON reconciliation.run (started_at DESC);

-- A finding across runs: the same disagreement (kind + subject) keeps its id from run to run.
CREATE TABLE reconciliation.finding (
    id               uuid        PRIMARY KEY,
    kind             text        NOT NULL,
    subject          text        NOT NULL,
    -- OPEN, ACKNOWLEDGED (seen by the GIS team, still there), FIXED (a later run no longer found it)
    status           text        NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'FIXED')),
    first_run        uuid        NOT NULL,
    last_run         uuid        NOT NULL,
    first_seen_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at     timestamptz NOT NULL DEFAULT now(),
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    fixed_at         timestamptz,
    fixed_run        uuid
);

CREATE INDEX finding_status_idx ON reconciliation.finding (status) WHERE status <> 'FIXED';

-- What one run found: the report, kept per run, with the evidence as that run saw it.
CREATE TABLE reconciliation.run_finding (
    run_id           uuid        NOT NULL REFERENCES reconciliation.run (id) ON DELETE CASCADE,
    finding_id       uuid        NOT NULL,
    kind             text        NOT NULL,
    severity         text        NOT NULL CHECK (severity IN ('HIGH', 'MEDIUM', 'LOW')),
    -- new in this run (first seen, or seen again after it was fixed)
    is_new           boolean     NOT NULL,
    service_unit     text,
    transformer_area text,
    feeder_ref       text,
    subject          text        NOT NULL,
    evidence         jsonb       NOT NULL,
    PRIMARY KEY (run_id, finding_id)
);

CREATE INDEX run_finding_kind_idx ON reconciliation.run_finding (run_id, kind, subject);

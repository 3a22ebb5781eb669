-- Cases (业扩工单) mirrored from the marketing MIS, their stages, supply plans (供电方案) with
-- their versions, and the audit log of every change to either.
CREATE SCHEMA IF NOT EXISTS cases;
CREATE SCHEMA IF NOT EXISTS plans;

CREATE TABLE cases.connection_case (
    case_no              text PRIMARY KEY,
    customer_no          text,
    customer_name        text        NOT NULL,
    contact_name         text,
    contact_phone        text,
    address              text,
    -- the site in EPSG:4490 (converted from GCJ-02 / BD-09 when the request used those), and as given
    geom                 geometry(Point, 4490) NOT NULL,
    given_lon            double precision NOT NULL,
    given_lat            double precision NOT NULL,
    given_crs            text        NOT NULL,
    requested_kw         numeric(12,1),
    requested_kva        numeric(12,1),
    power_factor         numeric(4,3),
    customer_category    text        NOT NULL,
    industry_class       text,
    importance           text        NOT NULL,
    requested_voltage_kv numeric(6,2),
    channel              text        NOT NULL,
    service_unit         text        NOT NULL,
    customer_manager     text,
    project_manager      text,
    -- 0.4 kV / 220 V supply: the high-voltage-only stages are skipped
    low_voltage          boolean     NOT NULL,
    -- whether grid works (配套工程) are needed: null until the survey says; false allows the one-visit fast path
    grid_works           boolean,
    stage                text        NOT NULL,
    status               text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CANCELED', 'CLOSED')),
    -- the MIS revision last applied; a change with a revision not above it is stale
    mis_revision         bigint      NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX connection_case_unit_idx ON cases.connection_case (service_unit, stage);
CREATE INDEX connection_case_pm_idx ON cases.connection_case (project_manager);

-- One row per stage a case entered; the open one (completed_at IS NULL) is the current stage.
CREATE TABLE cases.case_stage (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_no            text        NOT NULL REFERENCES cases.connection_case ON DELETE CASCADE,
    stage              text        NOT NULL,
    started_at         timestamptz NOT NULL,
    started_by         text        NOT NULL,
    note               text,
    -- the time limit in working days and the end of the last working day allowed (null: no limit)
    limit_working_days integer,
    due_at             timestamptz,
    completed_at       timestamptz,
    completed_by       text,
    -- NONE, WARNING (past the warning threshold) or OVERDUE, as last flagged by the time-limit job
    time_flag          text        NOT NULL DEFAULT 'NONE' CHECK (time_flag IN ('NONE', 'WARNING', 'OVERDUE'))
);
CREATE INDEX case_stage_case_idx ON cases.case_stage (case_no, id);
-- the time-limit job and the dispatchers' list read only the open stages with a limit
CREATE INDEX case_stage_open_idx ON cases.case_stage (due_at) WHERE completed_at IS NULL AND due_at IS NOT NULL;

-- Every change to a case or a plan: who, when, what, the state before and after.
CREATE TABLE cases.audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    case_no     text        NOT NULL,
    entity_type text        NOT NULL CHECK (entity_type IN ('CASE', 'PLAN')),
    entity_id   text        NOT NULL,
    action      text        NOT NULL,
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_log_case_idx ON cases.audit_log (case_no, id);

CREATE TABLE plans.supply_plan (
    plan_id      text PRIMARY KEY,
    case_no      text        NOT NULL REFERENCES cases.connection_case ON DELETE CASCADE,
    status       text        NOT NULL CHECK (status IN ('DRAFT', 'CONFIRMED', 'WITHDRAWN', 'EXPIRED')),
    version      integer     NOT NULL,
    -- the current version's content (PlanContent as JSON)
    content      jsonb       NOT NULL,
    valid_until  date        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text        NOT NULL,
    confirmed_at timestamptz,
    confirmed_by text,
    closed_at    timestamptz
);
CREATE INDEX supply_plan_case_idx ON plans.supply_plan (case_no);
-- at most one confirmed plan per case: its commitment is the case's
CREATE UNIQUE INDEX supply_plan_one_confirmed_idx ON plans.supply_plan (case_no) WHERE status = 'CONFIRMED';
-- the expiry job reads only live plans
CREATE INDEX supply_plan_live_idx ON plans.supply_plan (valid_until) WHERE status IN ('DRAFT', 'CONFIRMED');

CREATE TABLE plans.plan_version (
    plan_id    text        NOT NULL REFERENCES plans.supply_plan ON DELETE CASCADE,
    version    integer     NOT NULL,
    content    jsonb       NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text        NOT NULL,
    -- what this version changed: DRAFTED, EDITED, CANDIDATE_SWITCHED
    action     text        NOT NULL,
    -- names of the fields that differ from the previous version
    changes    text[]      NOT NULL DEFAULT '{}',
    PRIMARY KEY (plan_id, version)
);

-- Follow-up visits (回访): after power-on the dispatcher calls the customer and records whether
-- they were reached and how satisfied they are. One task per case, created in the transaction
-- that powers the case on (or archives it, when it was never powered on through the hub).
CREATE TABLE cases.follow_up (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_no        text        NOT NULL UNIQUE REFERENCES cases.connection_case ON DELETE CASCADE,
    -- who to call, copied when the task is made: the call list must not change under the dispatcher
    customer_no    text,
    customer_name  text        NOT NULL,
    contact_name   text,
    contact_phone  text,
    service_unit   text        NOT NULL,
    powered_on_at  timestamptz NOT NULL,
    -- the last working day allowed (hub.cases.follow-up-working-days after power-on) and the end of it
    due_date       date        NOT NULL,
    due_at         timestamptz NOT NULL,
    status         text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'UNREACHABLE')),
    -- 满意 / 基本满意 / 不满意, asked only when the customer was reached
    satisfaction   text        CHECK (satisfaction IN ('SATISFIED', 'FAIRLY_SATISFIED', 'DISSATISFIED')),
    note           text,
    recorded_by    text,
    recorded_at    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'DONE') = (satisfaction IS NOT NULL)),
    CHECK ((status = 'PENDING') = (recorded_at IS NULL))
);

-- the dispatchers' list: open tasks by due date
CREATE INDEX follow_up_pending_idx ON cases.follow_up (due_at) WHERE status = 'PENDING';
-- ...and the recorded ones, most recent first (they pile up; the list reads only its first page)
CREATE INDEX follow_up_recorded_idx ON cases.follow_up (recorded_at DESC) WHERE status <> 'PENDING';

-- the audit log records follow-up visits as well
ALTER TABLE cases.audit_log DROP CONSTRAINT IF EXISTS audit_log_entity_type_check;
ALTER TABLE cases.audit_log ADD CONSTRAINT audit_log_entity_type_check
    CHECK (entity_type IN ('CASE', 'PLAN', 'FOLLOW_UP'));

-- No query filters or joins on these documents: they are written once and read back by key. Their
-- column statistics only cost ANALYZE detoasting and parsing a sample of large documents: the
-- autovacuum's ANALYZE of cases.audit_log took 1 s of CPU (3 s elapsed) every minute under 50 cases/s
-- on two cores, a burst the MIS's requests queued behind. The planner keeps its statistics on the
-- keys (case_no, plan_id, message_id, sent_at).
ALTER TABLE cases.audit_log ALTER COLUMN before SET STATISTICS 0, ALTER COLUMN after SET STATISTICS 0;
ALTER TABLE plans.supply_plan ALTER COLUMN content SET STATISTICS 0;
ALTER TABLE plans.plan_version ALTER COLUMN content SET STATISTICS 0;
ALTER TABLE messaging.outbox ALTER COLUMN body SET STATISTICS 0;
ALTER TABLE messaging.inbound_message ALTER COLUMN reply SET STATISTICS 0;

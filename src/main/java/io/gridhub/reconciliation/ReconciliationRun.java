package io.gridhub.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One reconciliation run (对账) as recorded: status, what it compared, and counts by finding kind.
 *
 * @param id run id
 * @param trigger SCHEDULE or MANUAL
 * @param status RUNNING, SUCCEEDED or FAILED
 * @param customers customers in supply compared
 * @param transformers GIS transformers compared
 * @param found findings this run found
 * @param newFindings of which new (not open before)
 * @param fixed findings open before that this run no longer found
 * @param byKind per kind: found, new, fixed
 * @param trend the totals of the latest runs up to this one, oldest first
 */
public record ReconciliationRun(UUID id, String trigger, String status, Instant startedAt, Instant finishedAt,
                                String error, Long customers, Long transformers, long found, long newFindings, long fixed,
                                Map<FindingKind, KindCounts> byKind, List<TrendPoint> trend) {

    /** Counts of one kind in a run. */
    public record KindCounts(long found, long newFindings, long fixed) {}

    /** One earlier run's totals. */
    public record TrendPoint(UUID runId, Instant startedAt, long found, long newFindings, long fixed) {}
}

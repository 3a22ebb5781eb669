package io.gridhub.cases;

import java.util.Comparator;

/** Urgency (紧急程度) of the dispatchers' list: overdue first, then the largest share of the limit used, then the earliest due. */
final class DispatchOrder {

    static final Comparator<CaseSummary> MOST_URGENT_FIRST = Comparator
            .comparing((CaseSummary s) -> s.timeFlag() == TimeFlag.OVERDUE ? 0 : s.timeFlag() == TimeFlag.WARNING ? 1 : 2)
            .thenComparing(s -> s.elapsedShare() == null ? 0 : -s.elapsedShare())
            .thenComparing(CaseSummary::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CaseSummary::caseNo);

    private DispatchOrder() {
    }
}

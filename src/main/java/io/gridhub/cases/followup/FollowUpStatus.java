package io.gridhub.cases.followup;

/**
 * Where a follow-up visit (回访) stands. DONE and UNREACHABLE both close the task: an unreachable
 * customer is the MIS's 95598 centre's to chase, not a second task here.
 */
public enum FollowUpStatus {
    /** 待回访 */
    PENDING,
    /** 已回访: the customer was reached and asked */
    DONE,
    /** 无法联系: the call did not reach the customer */
    UNREACHABLE;

    public boolean closed() {
        return this != PENDING;
    }
}

package io.gridhub.cases.followup;

/**
 * What the dispatcher records after the call (POST /api/dispatch/follow-ups/{id}). Plain strings:
 * the service checks them and names the offending field.
 *
 * @param status DONE (reached) or UNREACHABLE
 * @param satisfaction 满意 / 基本满意 / 不满意 (or SATISFIED, FAIRLY_SATISFIED, DISSATISFIED); required when DONE, absent otherwise
 * @param note what was said, optional
 */
public record FollowUpOutcome(String status, String satisfaction, String note) {
}

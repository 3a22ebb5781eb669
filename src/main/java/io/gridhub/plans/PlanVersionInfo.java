package io.gridhub.plans;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One version of a plan in its history (方案版本).
 *
 * @param version 1 for the draft, +1 per change
 * @param changedAt when
 * @param changedBy who
 * @param action DRAFTED, EDITED or CANDIDATE_SWITCHED
 * @param changes the fields that differ from the previous version
 */
public record PlanVersionInfo(int version, OffsetDateTime changedAt, String changedBy, String action,
                              List<String> changes) {
}

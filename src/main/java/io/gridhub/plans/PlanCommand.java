package io.gridhub.plans;

import jakarta.validation.constraints.Size;

/**
 * Body of POST /api/plans/{planId}/confirm and /withdraw (optional).
 *
 * @param note why (kept in the audit log and sent to the MIS)
 */
public record PlanCommand(@Size(max = 2000) String note) {
}

package io.gridhub.plans;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A supply plan (供电方案) of a case: its state, the current version's content (its fields appear at
 * the top level of the JSON: {@code sources}, {@code supplyMode}, …) and the version history.
 *
 * @param planId plan id ({caseNo}-P{n})
 * @param caseNo the case
 * @param status DRAFT, CONFIRMED, WITHDRAWN or EXPIRED
 * @param version current version (the ETag; PUT needs it in If-Match)
 * @param content the current version's content
 * @param createdAt when drafted
 * @param createdBy who drafted it
 * @param confirmedAt when confirmed, null before
 * @param confirmedBy who confirmed it
 * @param versions every version, oldest first
 */
public record SupplyPlan(
        String planId,
        String caseNo,
        PlanStatus status,
        int version,
        @JsonUnwrapped PlanContent content,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime confirmedAt,
        String confirmedBy,
        List<PlanVersionInfo> versions) {
}

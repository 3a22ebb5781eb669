package io.gridhub.plans;

import java.time.LocalDate;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Body of PUT /api/plans/{planId}: switch candidate and/or edit fields; what is null stays.
 *
 * @param candidateRank make the considered candidate of this rank the main source
 * @param standbyRank make the considered candidate of this rank the standby source (dual supply / dual circuit)
 * @param propertyBoundaryPoint 产权分界点
 * @param incomingLineType overhead, cable or mixed
 * @param meteringPoint 计量点
 * @param meteringMethod 高供高计, 高供低计 or 低供低计
 * @param validUntil validity
 * @param notes notes
 */
public record PlanEdit(
        @Min(1) Integer candidateRank,
        @Min(1) Integer standbyRank,
        @Size(max = 500) String propertyBoundaryPoint,
        IncomingLineType incomingLineType,
        @Size(max = 500) String meteringPoint,
        MeteringMethod meteringMethod,
        LocalDate validUntil,
        @Size(max = 4000) String notes) {
}

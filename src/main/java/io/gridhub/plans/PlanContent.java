package io.gridhub.plans;

import java.time.LocalDate;
import java.util.List;

import io.gridhub.siting.SupplyMode;
import io.gridhub.siting.VoltageLevel;

/**
 * What a version of a supply plan says (供电方案内容): every field of the 供电方案答复单.
 *
 * @param voltageLevel supply voltage
 * @param voltageLabel as printed (10kV, 380V, 220V)
 * @param capacityKva supply capacity (kVA)
 * @param supplyMode 单电源, 双回路 or 双电源
 * @param supplyModeLabel its Chinese name
 * @param sources the power sources, main first
 * @param propertyBoundaryPoint 产权分界点
 * @param incomingLineType overhead, cable or mixed
 * @param meteringPoint 计量点
 * @param meteringMethod 高供高计, 高供低计 or 低供低计
 * @param routeLengthM estimated length of the new lines (m)
 * @param costGridYuan estimated cost borne by the grid (yuan)
 * @param costCustomerYuan estimated cost borne by the customer (yuan)
 * @param validUntil the plan is valid to this day (high voltage 1 year, low voltage 3 months by default)
 * @param notes free notes
 * @param candidates the candidates considered
 * @param chosenRank rank of the chosen (main) candidate, null when none passed
 * @param chosenReason why the chosen one won
 */
public record PlanContent(
        VoltageLevel voltageLevel,
        String voltageLabel,
        double capacityKva,
        SupplyMode supplyMode,
        String supplyModeLabel,
        List<PlanSource> sources,
        String propertyBoundaryPoint,
        IncomingLineType incomingLineType,
        String meteringPoint,
        MeteringMethod meteringMethod,
        double routeLengthM,
        double costGridYuan,
        double costCustomerYuan,
        LocalDate validUntil,
        String notes,
        List<ConsideredCandidate> candidates,
        Integer chosenRank,
        String chosenReason) {
}

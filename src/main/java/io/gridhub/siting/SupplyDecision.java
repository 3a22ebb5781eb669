package io.gridhub.siting;

import java.util.List;

/**
 * Supply voltage and mode for a request, and the request in both units.
 *
 * @param voltageLevel 220 V, 380 V, 10 kV or outside the 10 kV scope
 * @param supplyMode single, 双回路 or 双电源
 * @param requestKw requested active power (kW)
 * @param requestKva requested apparent power (kVA) = kW ÷ cos φ
 * @param powerFactor the cos φ used
 * @param reasons why this voltage and mode, one sentence each
 */
public record SupplyDecision(VoltageLevel voltageLevel, SupplyMode supplyMode, double requestKw,
                             double requestKva, double powerFactor, List<String> reasons) {
}

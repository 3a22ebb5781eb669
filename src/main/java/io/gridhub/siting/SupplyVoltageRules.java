package io.gridhub.siting;

import java.util.ArrayList;
import java.util.List;

import io.gridhub.api.InvalidFieldException;

/**
 * Supply voltage from the requested capacity (≤ 12 kW → 220 V, ≤ 160 kW → 380 V, ≤ 8,000 kVA →
 * 10 kV, above → outside the 10 kV scope) and supply mode from the importance grade (双电源 /
 * 双回路 / single), by the configured thresholds.
 */
public final class SupplyVoltageRules {

    private final SitingProperties p;

    public SupplyVoltageRules(SitingProperties properties) {
        this.p = properties;
    }

    public SupplyDecision decide(SitingRequest r) {
        if (r.requestedKw() == null && r.requestedKva() == null) {
            throw new InvalidFieldException("requestedKw", "requestedKw or requestedKva is required");
        }
        if (r.requestedKw() != null && r.requestedKva() != null) {
            throw new InvalidFieldException("requestedKva", "give requestedKw (with powerFactor) or requestedKva, not both");
        }
        double pf = r.powerFactor() != null ? r.powerFactor() : p.defaultPowerFactor();
        double kw = r.requestedKw() != null ? r.requestedKw() : r.requestedKva() * pf;
        double kva = r.requestedKva() != null ? r.requestedKva() : r.requestedKw() / pf;
        if (kva > p.maxRequestKva()) {
            throw new InvalidFieldException(r.requestedKw() != null ? "requestedKw" : "requestedKva",
                    "request of " + Math.round(kva) + " kVA is above " + Math.round(p.maxRequestKva())
                            + " kVA, which no connection request can be");
        }
        List<String> reasons = new ArrayList<>();
        VoltageLevel level;
        if (kw <= p.singlePhaseMaxKw()) {
            level = VoltageLevel.LV_220V;
            reasons.add(fmt(kw) + " kW ≤ " + fmt(p.singlePhaseMaxKw()) + " kW: 220 V single-phase");
        } else if (kw <= p.lowVoltageMaxKw()) {
            level = VoltageLevel.LV_380V;
            reasons.add(fmt(kw) + " kW ≤ " + fmt(p.lowVoltageMaxKw()) + " kW: 380 V three-phase");
        } else if (kva <= p.mediumVoltageMaxKva()) {
            level = VoltageLevel.MV_10KV;
            reasons.add(fmt(kva) + " kVA ≤ " + fmt(p.mediumVoltageMaxKva()) + " kVA: 10 kV");
        } else {
            level = VoltageLevel.OUTSIDE_10KV_SCOPE;
            reasons.add(fmt(kva) + " kVA > " + fmt(p.mediumVoltageMaxKva())
                    + " kVA: 35 kV or above, outside this hub's 10 kV scope; no 10 kV plan is offered");
        }
        SupplyMode mode = SupplyMode.SINGLE;
        if (p.dualSupply().contains(r.importance())) {
            mode = SupplyMode.DUAL_SUPPLY;
            reasons.add("importance " + r.importance() + ": 双电源, two sources from two different substations");
        } else if (p.dualCircuit().contains(r.importance())) {
            mode = SupplyMode.DUAL_CIRCUIT;
            reasons.add("importance " + r.importance() + ": 双回路, two different busbars or feeders");
        }
        return new SupplyDecision(level, mode, kw, kva, pf, reasons);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(Math.round(v * 10) / 10.0);
    }
}

package io.gridhub.siting;

import io.gridhub.api.InvalidFieldException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupplyVoltageRulesTest {

    private final SupplyVoltageRules rules = new SupplyVoltageRules(SitingProperties.defaults());

    private static SitingRequest kw(double kw, Double pf, Importance importance) {
        return new SitingRequest(107.2, 39.1, null, kw, null, pf, CustomerCategory.GENERAL_COMMERCIAL, importance, null, null);
    }

    private static SitingRequest kva(double kva, Importance importance) {
        return new SitingRequest(107.2, 39.1, null, null, kva, null, CustomerCategory.GENERAL_COMMERCIAL, importance, null, null);
    }

    @Test
    void voltageByThresholds() {
        assertThat(rules.decide(kw(12, null, Importance.NORMAL)).voltageLevel()).isEqualTo(VoltageLevel.LV_220V);
        assertThat(rules.decide(kw(12.1, null, Importance.NORMAL)).voltageLevel()).isEqualTo(VoltageLevel.LV_380V);
        assertThat(rules.decide(kw(160, null, Importance.NORMAL)).voltageLevel()).isEqualTo(VoltageLevel.LV_380V);
        assertThat(rules.decide(kw(161, null, Importance.NORMAL)).voltageLevel()).isEqualTo(VoltageLevel.MV_10KV);
        assertThat(rules.decide(kva(8000, Importance.NORMAL)).voltageLevel()).isEqualTo(VoltageLevel.MV_10KV);
        assertThat(rules.decide(kva(8000.1, Importance.NORMAL)).voltageLevel()).isEqualTo(VoltageLevel.OUTSIDE_10KV_SCOPE);
    }

    @Test
    void kwBecomesKvaThroughThePowerFactor() {
        SupplyDecision d = rules.decide(kw(720, 0.8, Importance.NORMAL));
        assertThat(d.requestKva()).isEqualTo(900);
        assertThat(rules.decide(kw(900, null, Importance.NORMAL)).requestKva()).isEqualTo(1000);
        // a kVA request is judged against the kW thresholds by its kW (× cos φ): 170 kVA × 0.9 = 153 kW → 380 V
        assertThat(rules.decide(kva(170, Importance.NORMAL)).voltageLevel()).isEqualTo(VoltageLevel.LV_380V);
    }

    @Test
    void importanceSetsTheSupplyMode() {
        assertThat(rules.decide(kva(500, Importance.NORMAL)).supplyMode()).isEqualTo(SupplyMode.SINGLE);
        assertThat(rules.decide(kva(500, Importance.SPECIAL)).supplyMode()).isEqualTo(SupplyMode.DUAL_SUPPLY);
        assertThat(rules.decide(kva(500, Importance.FIRST)).supplyMode()).isEqualTo(SupplyMode.DUAL_SUPPLY);
        assertThat(rules.decide(kva(500, Importance.SECOND)).supplyMode()).isEqualTo(SupplyMode.DUAL_CIRCUIT);
        assertThat(SupplyMode.DUAL_SUPPLY.label()).isEqualTo("双电源");
    }

    @Test
    void missingBothOrAbsurdCapacityNamesTheField() {
        assertThatThrownBy(() -> rules.decide(new SitingRequest(107.2, 39.1, null, null, null, null,
                CustomerCategory.RESIDENTIAL, Importance.NORMAL, null, null)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("requestedKw"));
        assertThatThrownBy(() -> rules.decide(new SitingRequest(107.2, 39.1, null, 10.0, 10.0, null,
                CustomerCategory.RESIDENTIAL, Importance.NORMAL, null, null)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("requestedKva"));
        assertThatThrownBy(() -> rules.decide(kva(2_000_000, Importance.NORMAL)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("requestedKva"));
    }
}

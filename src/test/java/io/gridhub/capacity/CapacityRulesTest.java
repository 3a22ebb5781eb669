package io.gridhub.capacity;

import java.time.YearMonth;
import java.util.List;

import io.gridhub.grid.AssetType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CapacityRulesTest {

    private final CapacityRules rules = new CapacityRules(CapacityProperties.defaults());

    private static MeasuredAsset feeder(Double kva, Double amps, int ties, Double peakKw, Double pf, double committed) {
        return new MeasuredAsset(AssetType.FEEDER, "F", "F", kva, amps, 10.0, ties, 0, peakKw, pf,
                peakKw == null ? null : YearMonth.of(2026, 7), committed);
    }

    @Test
    void transformerUsesAllowedLoadingTheMeasuredPowerFactorAndSubtractsCommitments() {
        OpenCapacity c = rules.open(new MeasuredAsset(AssetType.DISTRIBUTION_TRANSFORMER, "T", "T", 630.0, null, null,
                0, 0, 340.0, 0.85, YearMonth.of(2026, 7), 50));
        // 630 × 0.8 − 340 / 0.85 − 50 = 504 − 400 − 50
        assertThat(c.capUsed()).isEqualTo(0.8);
        assertThat(c.peakKva()).isCloseTo(400, within(1e-9));
        assertThat(c.powerFactorMeasured()).isTrue();
        assertThat(c.openKva()).isCloseTo(54, within(1e-9));
        assertThat(c.peakMonth()).isEqualTo("2026-07");
        assertThat(c.loadingAfter(54)).isCloseTo(0.8, within(1e-9));
        assertThat(c.hasRoomFor(54)).isTrue();
        assertThat(c.hasRoomFor(54.1)).isFalse();
    }

    @Test
    void feederRatedByCurrentIsRoot3TimesVoltageTimesCurrent() {
        OpenCapacity c = rules.open(feeder(null, 400.0, 0, 2700.0, null, 0));
        assertThat(c.ratedKva()).isCloseTo(6928.2, within(0.05));
        assertThat(c.ratedBasis()).contains("√3").contains("400 A");
        assertThat(c.powerFactor()).isEqualTo(0.9);
        assertThat(c.powerFactorMeasured()).isFalse();
    }

    @Test
    void feederCapFollowsItsTies() {
        assertThat(rules.open(feeder(6000.0, null, 0, 0.0, null, 0)).capUsed()).isEqualTo(0.8);
        assertThat(rules.open(feeder(6000.0, null, 1, 0.0, null, 0)).capUsed()).isEqualTo(0.50);
        assertThat(rules.open(feeder(6000.0, null, 2, 0.0, null, 0)).capUsed()).isEqualTo(0.67);
        assertThat(rules.open(feeder(6000.0, null, 3, 0.0, null, 0)).capUsed()).isEqualTo(0.75);
        assertThat(rules.open(feeder(6000.0, null, 5, 0.0, null, 0)).capUsed()).isEqualTo(0.75);
        assertThat(rules.open(feeder(6000.0, null, 2, 0.0, null, 0)).capBasis()).isEqualTo("N-1 with 2 ties");
    }

    @Test
    void mainTransformerCapFollowsTheCountInItsSubstation() {
        for (int[] c : new int[][] {{1, 80}, {2, 65}, {3, 87}, {4, 87}}) {
            OpenCapacity o = rules.open(new MeasuredAsset(AssetType.MAIN_TRANSFORMER, "M", "M", 10_000.0, null, null, 0,
                    c[0], 0.0, null, YearMonth.of(2026, 1), 0));
            assertThat(o.capUsed()).as(c[0] + " main transformers").isCloseTo(c[1] / 100.0, within(1e-9));
        }
    }

    @Test
    void missingLoadIsReportedMissingNotZero() {
        OpenCapacity c = rules.open(feeder(6000.0, null, 1, null, null, 100));
        assertThat(c.loadMissing()).isTrue();
        assertThat(c.openKva()).isNull();
        assertThat(c.peakKva()).isNull();
        assertThat(c.hasRoomFor(1)).isFalse();
        assertThat(c.openUpperBoundKva()).isEqualTo(2900.0);
    }

    @Test
    void simultaneityScalesOnlyTheCommittedTerm() {
        CapacityRules half = new CapacityRules(CapacityProperties.defaults().withSimultaneity(0.5));
        OpenCapacity c = half.open(feeder(6000.0, null, 0, 900.0, 0.9, 400));
        // 4,800 − 1,000 − 400 × 0.5
        assertThat(c.openKva()).isCloseTo(3600, within(1e-9));
        assertThat(c.committedKva()).isEqualTo(400);
        assertThat(c.committedCountedKva()).isEqualTo(200);
    }

    @Test
    void substationSumsItsMainTransformersAndIsMissingIfAnyIs() {
        OpenCapacity a = rules.open(new MeasuredAsset(AssetType.MAIN_TRANSFORMER, "A", "A", 50_000.0, null, null, 0, 2,
                18_000.0, 0.9, YearMonth.of(2026, 1), 0));
        OpenCapacity b = rules.open(new MeasuredAsset(AssetType.MAIN_TRANSFORMER, "B", "B", 50_000.0, null, null, 0, 2,
                27_000.0, null, YearMonth.of(2026, 1), 1000));
        OpenCapacity s = rules.substation("S", "S", List.of(a, b));
        assertThat(s.ratedKva()).isEqualTo(100_000);
        assertThat(s.capUsed()).isEqualTo(0.65);
        assertThat(s.openKva()).isCloseTo(65_000 - 20_000 - 30_000 - 1000, within(1e-6));
        OpenCapacity unmeasured = rules.open(new MeasuredAsset(AssetType.MAIN_TRANSFORMER, "C", "C", 50_000.0, null,
                null, 0, 2, null, null, null, 0));
        assertThat(rules.substation("S", "S", List.of(a, unmeasured)).openKva()).isNull();
    }

    @Test
    void anAssetWithoutRatingIsAnError() {
        assertThatThrownBy(() -> rules.open(feeder(null, null, 0, 1.0, null, 0)))
                .hasMessageContaining("neither rated kVA nor rated current");
    }
}

package io.gridhub.siting;

import java.time.YearMonth;
import java.util.List;

import io.gridhub.capacity.CapacityProperties;
import io.gridhub.capacity.MissingLoadPolicy;
import io.gridhub.capacity.CapacityRules;
import io.gridhub.capacity.MeasuredAsset;
import io.gridhub.capacity.OpenCapacity;
import io.gridhub.capacity.SupplyChain;
import io.gridhub.grid.AssetType;
import io.gridhub.siting.SitingAnswer.Candidate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The screening, cost and score of one candidate, without a database. */
class CandidateEvaluatorTest {

    private final SitingProperties siting = SitingProperties.defaults();
    private final CapacityRules rules = new CapacityRules(CapacityProperties.defaults());

    private OpenCapacity feeder(Double peakKw) {
        return rules.open(new MeasuredAsset(AssetType.FEEDER, "F", "F", 6000.0, null, 10.0, 0, 0, peakKw, 0.9,
                YearMonth.of(2026, 1), 0));
    }

    private OpenCapacity mt() {
        return rules.open(new MeasuredAsset(AssetType.MAIN_TRANSFORMER, "M", "M", 40_000.0, null, null, 0, 2,
                18_000.0, 0.9, YearMonth.of(2026, 1), 0));
    }

    private OpenCapacity transformer(double peakKw) {
        return rules.open(new MeasuredAsset(AssetType.DISTRIBUTION_TRANSFORMER, "T", "T", 400.0, null, null, 0, 0,
                peakKw, 0.9, YearMonth.of(2026, 1), 0));
    }

    private static SourceHit hit(AssetType type, double distance) {
        return new SourceHit(type, type == AssetType.FEEDER ? "F" : "T", "x", distance, 107.2, 39.1, null, null,
                new SupplyChain(type == AssetType.FEEDER ? null : "T", "F", "B", "M", "S"), 10, List.of());
    }

    private static SupplyDecision decision(VoltageLevel level, double kva) {
        return new SupplyDecision(level, SupplyMode.SINGLE, kva * 0.9, kva, 0.9, List.of());
    }

    @Test
    void aFeederWithRoomPassesAndIsScoredTermByTerm() {
        CandidateEvaluator e = new CandidateEvaluator(siting, MissingLoadPolicy.REJECT);
        OpenCapacity f = feeder(2700.0); // 4,800 − 3,000 = 1,800 open
        OpenCapacity m = mt();            // 26,000 − 20,000 = 6,000 open
        OpenCapacity s = rules.substation("S", "S", List.of(m, m));
        Candidate c = e.evaluate(hit(AssetType.FEEDER, 100), new CandidateEvaluator.Links(null, f, m, s),
                new CandidateEvaluator.Connection(new TieIn("POLE", "P", "P", null, 107.2, 39.1, 100), LineKind.OVERHEAD,
                        "poles", 0),
                new RouteEstimate(130, "STRAIGHT_LINE_X_DETOUR_1.3"), decision(VoltageLevel.MV_10KV, 900),
                AreaClass.URBAN, CustomerCategory.LARGE_INDUSTRY);
        assertThat(c.passed()).isTrue();
        assertThat(c.openCapacityKva().before()).isEqualTo(1800.0);
        assertThat(c.openCapacityKva().after()).isEqualTo(900.0);
        // distance 100 × (1 − 130/2600) = 95; capacity: feeder (1800 − 900)/4800 = 18.75 is the tightest
        // (MT 5100/26000 = 19.6); reliability 80 → 0.4 × 95 + 0.3 × 18.75 + 0.3 × 80 = 67.6
        assertThat(c.score()).isCloseTo(67.6, within(0.05));
        assertThat(c.scoreExplanation()).contains("0.4 × distance 95.0", "0.3 × capacity 18.8", "= 67.6");
        // 0.13 km overhead × 350,000 = 45,500 grid; 1,000 kVA transformer 230,000 + metering 60,000 customer
        assertThat(c.estimatedCostYuan().grid()).isEqualTo(45_500);
        assertThat(c.estimatedCostYuan().customer()).isEqualTo(290_000);
    }

    @Test
    void missingLoadFailsUnderRejectAndIsFlaggedUnderOffer() {
        OpenCapacity unmeasured = feeder(null);
        OpenCapacity m = mt();
        CandidateEvaluator.Links links = new CandidateEvaluator.Links(null, unmeasured, m, rules.substation("S", "S", List.of(m, m)));
        CandidateEvaluator.Connection pole = new CandidateEvaluator.Connection(null, LineKind.OVERHEAD, "assumed", 0);
        RouteEstimate route = new RouteEstimate(100, "x");

        Candidate rejected = new CandidateEvaluator(siting, MissingLoadPolicy.REJECT)
                .evaluate(hit(AssetType.FEEDER, 80), links, pole, route, decision(VoltageLevel.MV_10KV, 500),
                        AreaClass.URBAN, CustomerCategory.LARGE_INDUSTRY);
        assertThat(rejected.passed()).isFalse();
        Check open = rejected.checks().stream().filter(k -> k.id() == RuleId.FEEDER_OPEN_CAPACITY).findFirst().orElseThrow();
        assertThat(open.value()).isNull();
        assertThat(open.note()).contains("load missing");
        assertThat(rejected.openCapacityKva().before()).isNull();

        Candidate offered = new CandidateEvaluator(siting, MissingLoadPolicy.OFFER_FLAGGED)
                .evaluate(hit(AssetType.FEEDER, 80), links, pole, route, decision(VoltageLevel.MV_10KV, 500),
                        AreaClass.URBAN, CustomerCategory.LARGE_INDUSTRY);
        assertThat(offered.passed()).isTrue();
        Check flagged = offered.checks().stream().filter(k -> k.id() == RuleId.FEEDER_OPEN_CAPACITY).findFirst().orElseThrow();
        assertThat(flagged.value()).isEqualTo(4800.0);
        assertThat(flagged.note()).contains("upper bound");
    }

    @Test
    void cableConnectionNeedsSpareBays() {
        CandidateEvaluator e = new CandidateEvaluator(siting, MissingLoadPolicy.REJECT);
        OpenCapacity m = mt();
        CandidateEvaluator.Links links = new CandidateEvaluator.Links(null, feeder(900.0), m, rules.substation("S", "S", List.of(m, m)));
        Candidate oneBay = e.evaluate(hit(AssetType.FEEDER, 50), links,
                new CandidateEvaluator.Connection(null, LineKind.CABLE, "line section type", 1),
                new RouteEstimate(65, "x"), decision(VoltageLevel.MV_10KV, 500), AreaClass.URBAN, CustomerCategory.LARGE_INDUSTRY);
        assertThat(oneBay.passed()).isFalse();
        assertThat(oneBay.estimatedCostYuan().items()).anyMatch(i -> i.startsWith("new ring main unit"));
        Candidate twoBays = e.evaluate(hit(AssetType.FEEDER, 50), links,
                new CandidateEvaluator.Connection(new TieIn("RING_MAIN_UNIT", "R", "R", 2, 107.2, 39.1, 60), LineKind.CABLE,
                        "line section type", 2),
                new RouteEstimate(78, "x"), decision(VoltageLevel.MV_10KV, 500), AreaClass.URBAN, CustomerCategory.LARGE_INDUSTRY);
        assertThat(twoBays.passed()).isTrue();
    }

    @Test
    void lowVoltageThreeZerosMeansNoCustomerInvestment() {
        CandidateEvaluator e = new CandidateEvaluator(siting, MissingLoadPolicy.REJECT);
        OpenCapacity m = mt();
        CandidateEvaluator.Links links = new CandidateEvaluator.Links(transformer(90), feeder(900.0), m,
                rules.substation("S", "S", List.of(m, m)));
        Candidate resident = e.evaluate(hit(AssetType.DISTRIBUTION_TRANSFORMER, 100), links,
                new CandidateEvaluator.Connection(null, null, null, 0), new RouteEstimate(200, "x"),
                decision(VoltageLevel.LV_380V, 50), AreaClass.URBAN, CustomerCategory.RESIDENTIAL);
        assertThat(resident.passed()).isTrue();
        assertThat(resident.estimatedCostYuan().customer()).isZero();
        assertThat(resident.estimatedCostYuan().grid()).isEqualTo(0.2 * 150_000 + 2_500);
        Candidate industry = e.evaluate(hit(AssetType.DISTRIBUTION_TRANSFORMER, 100), links,
                new CandidateEvaluator.Connection(null, null, null, 0), new RouteEstimate(200, "x"),
                decision(VoltageLevel.LV_380V, 50), AreaClass.URBAN, CustomerCategory.LARGE_INDUSTRY);
        assertThat(industry.estimatedCostYuan().grid()).isZero();
        // beyond the urban radius, inside the rural one
        Candidate far = e.evaluate(hit(AssetType.DISTRIBUTION_TRANSFORMER, 300), links,
                new CandidateEvaluator.Connection(null, null, null, 0), new RouteEstimate(390, "x"),
                decision(VoltageLevel.LV_380V, 50), AreaClass.URBAN, CustomerCategory.RESIDENTIAL);
        assertThat(far.passed()).isFalse();
        assertThat(e.evaluate(hit(AssetType.DISTRIBUTION_TRANSFORMER, 300), links,
                new CandidateEvaluator.Connection(null, null, null, 0), new RouteEstimate(390, "x"),
                decision(VoltageLevel.LV_380V, 50), AreaClass.RURAL, CustomerCategory.RESIDENTIAL).passed()).isTrue();
    }

    /**
     * The domain rule is "≤ 50 customers on the feeder" counting the new one: a feeder already
     * supplying limit − 1 takes it, one at the limit does not.
     */
    @Test
    void aFeederTakesANewCustomerOnlyBelowItsCustomerLimit() {
        CandidateEvaluator e = new CandidateEvaluator(siting, MissingLoadPolicy.REJECT);
        int limit = siting.maxCustomersPerFeeder();
        OpenCapacity m = mt();
        CandidateEvaluator.Links links = new CandidateEvaluator.Links(null, feeder(2700.0), m,
                rules.substation("S", "S", List.of(m, m)));
        Check below = customersCheck(e, links, limit - 1);
        Check at = customersCheck(e, links, limit);
        assertThat(below.passed()).isTrue();
        assertThat(below.value()).isEqualTo(limit - 1.0);
        assertThat(at.passed()).isFalse();
        assertThat(at.value()).isEqualTo((double) limit);
        assertThat(at.limit()).isEqualTo((double) limit);
        assertThat(at.rule()).isEqualTo("customers on the feeder < limit");
    }

    private static Check customersCheck(CandidateEvaluator e, CandidateEvaluator.Links links, int customers) {
        SourceHit h = new SourceHit(AssetType.FEEDER, "F", "x", 100, 107.2, 39.1, LineKind.OVERHEAD, null,
                new SupplyChain(null, "F", "B", "M", "S"), customers, List.of());
        Candidate c = e.evaluate(h, links, new CandidateEvaluator.Connection(null, LineKind.OVERHEAD, "poles", 0),
                new RouteEstimate(130, "x"), decision(VoltageLevel.MV_10KV, 900), AreaClass.URBAN,
                CustomerCategory.LARGE_INDUSTRY);
        return c.checks().stream().filter(k -> k.id() == RuleId.FEEDER_CUSTOMERS_BELOW_LIMIT).findFirst().orElseThrow();
    }
}

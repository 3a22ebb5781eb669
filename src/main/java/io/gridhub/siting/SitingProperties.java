package io.gridhub.siting;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The siting rules (keys {@code hub.siting.*}); defaults in application.yml follow the domain reference.
 *
 * @param singlePhaseMaxKw up to this request (kW) supply is 220 V single-phase
 * @param lowVoltageMaxKw up to this request (kW) supply is 380 V three-phase (the "three zeros" threshold)
 * @param mediumVoltageMaxKva up to this request (kVA) supply is 10 kV; above it is outside the hub's scope
 * @param defaultPowerFactor cos φ turning a request in kW into kVA when the request names none
 * @param maxRequestKva requests above this are rejected as absurd input (400), not answered
 * @param searchRadiiM the widening search radii (m)
 * @param minDistinctSources distinct feeders (10 kV) or transformers (low voltage) that end the widening
 * @param lowVoltageRadiusM low-voltage supply radius (route metres) per area class
 * @param defaultAreaClass area class of a request that names none
 * @param detourFactor route length ÷ straight-line distance when no road network is loaded
 * @param feederVoltageKv voltage of the feeders a 10 kV customer can connect to
 * @param minSpareBays spare bays a ring main unit needs for a cable connection
 * @param tieInMarginM how far (m) beyond the farthest feeder found the first search for poles reaches (poles
 *        stand a span apart on the line; feeders without a pole there are searched again up to the maximum)
 * @param tieInMaxDistanceM farthest (m) from the site a pole tie-in is looked for; none within it: no pole tie-in
 * @param maxCustomersPerFeeder most customers a feeder may supply before it is closed to new ones
 * @param defaultMaxCandidates candidates returned when the request names no maxCandidates
 * @param maxCandidatesLimit the largest maxCandidates a request may ask for
 * @param maxRejectedShown failing candidates shown (flagged) beside the passing ones
 * @param maxPairs most dual-supply pairs returned
 * @param dualSupply importance grades that need 双电源 (two substations)
 * @param dualCircuit importance grades that need 双回路 (two busbars or feeders)
 * @param threeZerosCategories low-voltage customer categories with zero customer investment (三零)
 * @param newFeederRadiusM how far (m) a substation may be to build a new feeder from it
 * @param substationSpareBaysAttribute attribute of a substation that holds its spare 10 kV bays
 * @param nearestSubstations substations listed for a request outside the 10 kV scope
 * @param fallbacks how many fallbacks of each kind are offered, and from how many substations
 * @param edgeToleranceM how far (m) a great-circle edge up to 10 km long may stray from the straight line of
 *        the planar estimate that pre-ranks feeder parts; widens what is measured exactly, never the answer
 * @param weights score weights
 * @param reliability reliability scores by supply mode
 * @param cost the typical-cost table
 */
@ConfigurationProperties("hub.siting")
public record SitingProperties(
        double singlePhaseMaxKw,
        double lowVoltageMaxKw,
        double mediumVoltageMaxKva,
        double defaultPowerFactor,
        double maxRequestKva,
        List<Integer> searchRadiiM,
        int minDistinctSources,
        Map<AreaClass, Double> lowVoltageRadiusM,
        AreaClass defaultAreaClass,
        double detourFactor,
        double feederVoltageKv,
        int minSpareBays,
        double tieInMarginM,
        double tieInMaxDistanceM,
        int maxCustomersPerFeeder,
        int defaultMaxCandidates,
        int maxCandidatesLimit,
        int maxRejectedShown,
        int maxPairs,
        Set<Importance> dualSupply,
        Set<Importance> dualCircuit,
        Set<CustomerCategory> threeZerosCategories,
        double newFeederRadiusM,
        String substationSpareBaysAttribute,
        int nearestSubstations,
        Fallbacks fallbacks,
        double edgeToleranceM,
        Weights weights,
        Reliability reliability,
        CostTable cost) {

    public SitingProperties {
        searchRadiiM = List.copyOf(searchRadiiM);
        if (searchRadiiM.isEmpty()) {
            throw new IllegalArgumentException("hub.siting.search-radii-m must name at least one radius");
        }
        if (!(tieInMarginM >= 0) || !(tieInMaxDistanceM > 0)) {
            throw new IllegalArgumentException("hub.siting.tie-in-margin-m must be at least 0 and"
                    + " hub.siting.tie-in-max-distance-m above 0");
        }
        if (!(edgeToleranceM >= 0)) {
            throw new IllegalArgumentException("hub.siting.edge-tolerance-m must be at least 0");
        }
        fallbacks = fallbacks == null ? Fallbacks.DEFAULTS : fallbacks;
        lowVoltageRadiusM = Map.copyOf(lowVoltageRadiusM);
        dualSupply = Set.copyOf(dualSupply);
        dualCircuit = Set.copyOf(dualCircuit);
        threeZerosCategories = Set.copyOf(threeZerosCategories);
    }

    /** The largest search radius (m). */
    public int maxRadiusM() {
        return searchRadiiM.get(searchRadiiM.size() - 1);
    }

    /** The defaults of application.yml, for tests without Spring. */
    public static SitingProperties defaults() {
        return new SitingProperties(12, 160, 8000, 0.9, 1_000_000,
                List.of(200, 500, 800, 1000, 1500, 2000), 5,
                Map.of(AreaClass.URBAN, 250.0, AreaClass.RURAL, 500.0), AreaClass.URBAN, 1.3, 10, 2, 200, 3000, 50,
                5, 20, 3, 15, Set.of(Importance.SPECIAL, Importance.FIRST),
                Set.of(Importance.SECOND, Importance.TEMPORARY),
                Set.of(CustomerCategory.RESIDENTIAL, CustomerCategory.GENERAL_COMMERCIAL, CustomerCategory.AGRICULTURE),
                15_000, "spare_bays_10kv", 3, Fallbacks.DEFAULTS, 2,
                new Weights(0.4, 0.3, 0.3), new Reliability(80, 90, 100),
                new CostTable(350_000, 1_200_000, 150_000, 150_000, 2_500, 60_000, true,
                        List.of(new TransformerCost(200, 80_000), new TransformerCost(400, 120_000),
                                new TransformerCost(630, 160_000), new TransformerCost(800, 190_000),
                                new TransformerCost(1000, 230_000), new TransformerCost(1250, 270_000),
                                new TransformerCost(1600, 320_000))));
    }

    /**
     * How many fallbacks are offered (备选方案).
     *
     * @param maxLoadTransfers most load transfers over a tie switch offered
     * @param maxNewFeeders most new feeders offered
     * @param substationsConsidered nearest substations within the new-feeder radius looked at for a new feeder
     */
    public record Fallbacks(int maxLoadTransfers, int maxNewFeeders, int substationsConsidered) {
        static final Fallbacks DEFAULTS = new Fallbacks(3, 3, 10);

        public Fallbacks {
            if (maxLoadTransfers < 0 || maxNewFeeders < 0 || substationsConsidered < 1) {
                throw new IllegalArgumentException("hub.siting.fallbacks.* must be at least 0"
                        + " (substations-considered at least 1)");
            }
        }
    }

    /** Score weights: distance, capacity margin, reliability (they need not sum to 1; the answer shows them). */
    public record Weights(double distance, double capacity, double reliability) {}

    /** Reliability score of a single supply, a dual circuit (双回路) and a dual supply (双电源). */
    public record Reliability(double single, double dualCircuit, double dualSupply) {}

    /**
     * Typical costs (yuan).
     *
     * @param overheadLinePerKm 10 kV overhead line per km
     * @param cablePerKm 10 kV cable per km
     * @param lowVoltageLinePerKm 0.4 kV service line per km
     * @param ringMainUnit one ring main unit, when a cable connection needs a new one
     * @param meteringBox a low-voltage metering box
     * @param highVoltageMetering a 10 kV metering cabinet
     * @param gridInvestsToBoundary the grid builds the 10 kV line up to the property boundary (延伸投资)
     * @param transformers customer transformer cost by size
     */
    public record CostTable(double overheadLinePerKm, double cablePerKm, double lowVoltageLinePerKm,
                            double ringMainUnit, double meteringBox, double highVoltageMetering,
                            boolean gridInvestsToBoundary, List<TransformerCost> transformers) {
        public CostTable {
            transformers = transformers.stream().sorted(java.util.Comparator.comparingDouble(TransformerCost::kva)).toList();
        }
    }

    /** A transformer size (kVA) and its typical installed cost (yuan). */
    public record TransformerCost(double kva, double yuan) {}
}

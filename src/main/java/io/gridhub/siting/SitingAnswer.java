package io.gridhub.siting;

import java.util.List;

import io.gridhub.capacity.OpenCapacity;
import io.gridhub.grid.AssetType;

/**
 * The answer to a siting question: supply voltage and mode, ranked candidate connection points
 * with their checks, cost and score, dual-supply pairs, fallbacks when nothing passes, and notes.
 */
public record SitingAnswer(
        VoltageLevel voltageLevel,
        SupplyMode supplyMode,
        String supplyModeLabel,
        Site site,
        double requestedKw,
        double requestedKva,
        List<Candidate> candidates,
        List<Pair> pairs,
        List<Fallback> fallbacks,
        List<NearbySubstation> nearestSubstations,
        List<String> notes) {

    /**
     * The site as searched.
     *
     * @param lon longitude in EPSG:4490 (after conversion from the given crs)
     * @param lat latitude in EPSG:4490
     * @param givenCrs the crs the request used
     * @param areaClass area class applied
     */
    public record Site(double lon, double lat, String givenCrs, AreaClass areaClass) {}

    /** A GeoJSON Point (EPSG:4490 lon/lat). */
    public record GeoJsonPoint(String type, double[] coordinates) {
        static GeoJsonPoint of(double lon, double lat) {
            return new GeoJsonPoint("Point", new double[] {lon, lat});
        }
    }

    /**
     * One candidate connection point.
     *
     * @param rank 1 = best
     * @param assetId the feeder (10 kV) or transformer (low voltage)
     * @param assetType FEEDER or DISTRIBUTION_TRANSFORMER
     * @param name its name
     * @param connectionPoint nearest point on the feeder line, or the transformer
     * @param distanceM geodesic distance site → connection point (m)
     * @param routeLengthM estimated length of the new line to the tie-in (m)
     * @param routeMethod how routeLengthM was found (straight line × detour factor, or along roads)
     * @param openCapacityKva open capacity of the binding link of the chain before and after this request
     * @param upstream the chain above the candidate
     * @param checks every rule with value, limit and outcome
     * @param estimatedCostYuan typical cost, grid side and customer side
     * @param score weighted score (0 when a check fails)
     * @param passed whether every check passed
     * @param scoreExplanation the weighted sum, term by term
     * @param tieIn pole or switchgear the new line is tied into (10 kV), null for low voltage or when none is recorded
     * @param lineKind OVERHEAD or CABLE connection, with lineKindBasis saying how it was decided
     * @param lineKindBasis where lineKind comes from
     * @param capacityTerms open-capacity terms of every link of the chain
     */
    public record Candidate(
            int rank,
            String assetId,
            AssetType assetType,
            String name,
            GeoJsonPoint connectionPoint,
            double distanceM,
            double routeLengthM,
            String routeMethod,
            OpenCapacityKva openCapacityKva,
            Upstream upstream,
            List<Check> checks,
            Cost estimatedCostYuan,
            double score,
            boolean passed,
            String scoreExplanation,
            TieIn tieIn,
            LineKind lineKind,
            String lineKindBasis,
            List<OpenCapacity> capacityTerms) {

        Candidate withRank(int r) {
            return new Candidate(r, assetId, assetType, name, connectionPoint, distanceM, routeLengthM, routeMethod,
                    openCapacityKva, upstream, checks, estimatedCostYuan, score, passed, scoreExplanation, tieIn,
                    lineKind, lineKindBasis, capacityTerms);
        }
    }

    /**
     * Open capacity of the binding (smallest) link of the chain.
     *
     * @param before before this request, null when a link's load is missing and the policy rejects it
     * @param after after this request
     * @param bindingAssetId the link that binds
     * @param bindingAssetType its type
     */
    public record OpenCapacityKva(Double before, Double after, String bindingAssetId, AssetType bindingAssetType) {}

    /** The supply chain above a candidate. */
    public record Upstream(String feederId, String busbarId, String mainTransformerId, String substationId) {}

    /** Typical cost in yuan, split by who pays, with the items. */
    public record Cost(double grid, double customer, List<String> items) {}

    /**
     * Two candidates that together give dual supply (双电源) or a dual circuit (双回路).
     *
     * @param kind DUAL_SUPPLY or DUAL_CIRCUIT
     * @param label 双电源 or 双回路
     * @param primaryRank rank of the main source's candidate
     * @param standbyRank rank of the standby source's candidate
     * @param primaryAssetId main source
     * @param standbyAssetId standby source
     * @param substationIds substations of the two
     * @param busbarIds busbars of the two (null where unknown)
     * @param score weighted score of the pair
     * @param scoreExplanation the weighted sum
     */
    public record Pair(SupplyMode kind, String label, int primaryRank, int standbyRank, String primaryAssetId,
                       String standbyAssetId, List<String> substationIds, List<String> busbarIds, double score,
                       String scoreExplanation) {}

    /**
     * What can be done when no candidate passes.
     *
     * @param kind LOAD_TRANSFER, NEW_FEEDER, NEW_TRANSFORMER or NO_SOLUTION
     * @param description what to do, in a sentence
     * @param assetIds the assets involved
     * @param distanceM distance from the site where it applies
     * @param openCapacityKva the room that makes it work
     */
    public record Fallback(FallbackKind kind, String description, List<String> assetIds, Double distanceM,
                           Double openCapacityKva) {}

    /**
     * A substation near the site.
     *
     * @param substationId source id
     * @param name name
     * @param voltageKv its high-side voltage
     * @param distanceM geodesic distance from the site
     */
    public record NearbySubstation(String substationId, String name, double voltageKv, double distanceM) {}
}

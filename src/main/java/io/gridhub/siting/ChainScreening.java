package io.gridhub.siting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.gridhub.capacity.CapacityService;
import io.gridhub.capacity.MeasuredLink;
import io.gridhub.capacity.OpenCapacity;
import io.gridhub.grid.AssetType;
import io.gridhub.siting.CandidateEvaluator.Connection;
import io.gridhub.siting.CandidateEvaluator.Links;
import io.gridhub.siting.CandidateSearchRepository.FeederTieIns;
import io.gridhub.siting.SitingAnswer.Candidate;

/**
 * Screens the sources found along their supply chains (供电路径校核): one query for the capacity
 * terms of every chain, one for the feeders' tie-ins, then each candidate's route, checks, cost
 * and score. A feeder that cannot be shown ({@link #worthLocating}) is screened without its pole
 * and switchgear: its checks and score are the same, its route and cost are not, and neither shows.
 */
final class ChainScreening {

    private final SitingProperties p;
    private final CandidateSearchRepository search;
    private final CapacityService capacity;
    private final RouteEstimator routes;
    private final CandidateEvaluator evaluator;

    ChainScreening(SitingProperties properties, CandidateSearchRepository search, CapacityService capacity,
                   RouteEstimator routes, CandidateEvaluator evaluator) {
        this.p = properties;
        this.search = search;
        this.capacity = capacity;
        this.routes = routes;
        this.evaluator = evaluator;
    }

    /** Every hit screened; {@code terms} collects the capacity terms read, for the fallbacks. */
    List<Candidate> screen(List<SourceHit> hits, SiteQuestion q, MeasuredTerms terms) {
        if (hits.isEmpty()) {
            return List.of();
        }
        boolean lv = q.lowVoltage();
        List<Links> links = links(hits, lv, terms);
        Map<String, FeederTieIns> tieIns = lv ? Map.of()
                : search.tieIns(q.lon(), q.lat(), hits, worthLocating(hits, links, q.decision()), p.minSpareBays(),
                        p.tieInMarginM(), p.tieInMaxDistanceM());
        List<Candidate> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            SourceHit h = hits.get(i);
            Connection conn = lv ? new Connection(null, null, null, 0)
                    : LineKindChoice.choose(h, tieIns.get(h.assetId()));
            double toLon = h.pointLon();
            double toLat = h.pointLat();
            double straight = h.distanceM();
            if (conn.tieIn() != null) {
                toLon = conn.tieIn().lon();
                toLat = conn.tieIn().lat();
                straight = conn.tieIn().distanceM();
            }
            RouteEstimate route = routes.estimate(q.lon(), q.lat(), toLon, toLat, straight);
            out.add(evaluator.evaluate(h, links.get(i), conn, route, q.decision(), q.area(), q.customerCategory()));
        }
        return out;
    }

    /** The open capacity of every link of every hit's chain, read in one query. */
    private List<Links> links(List<SourceHit> hits, boolean lv, MeasuredTerms terms) {
        Set<String> transformers = new LinkedHashSet<>();
        Set<String> feeders = new LinkedHashSet<>();
        Set<String> mainTransformers = new LinkedHashSet<>();
        Set<String> substations = new LinkedHashSet<>();
        for (SourceHit h : hits) {
            addIfPresent(transformers, h.chain().transformerId());
            addIfPresent(feeders, h.chain().feederId());
            addIfPresent(mainTransformers, h.chain().mainTransformerId());
            addIfPresent(substations, h.chain().substationId());
        }
        List<MeasuredLink> measured = capacity.measure(transformers, feeders, mainTransformers, substations);
        terms.add(measured, substations);
        Map<AssetKey, OpenCapacity> open = new HashMap<>();
        for (MeasuredLink m : measured) {
            open.putIfAbsent(new AssetKey(m.asset().type(), m.asset().assetId()), capacity.open(m.asset()));
        }
        Map<String, OpenCapacity> stations = new HashMap<>();
        for (String s : substations) {
            List<OpenCapacity> mts = measured.stream()
                    .filter(m -> m.asset().type() == AssetType.MAIN_TRANSFORMER && s.equals(m.substationId()))
                    .collect(Collectors.toMap(m -> m.asset().assetId(), m -> capacity.open(m.asset()), (a, b) -> a))
                    .values().stream().sorted(Comparator.comparing(OpenCapacity::assetId)).toList();
            if (!mts.isEmpty()) {
                stations.put(s, capacity.substation(s, null, mts));
            }
        }
        return hits.stream().map(h -> new Links(
                lv ? open.get(new AssetKey(AssetType.DISTRIBUTION_TRANSFORMER, h.chain().transformerId())) : null,
                open.get(new AssetKey(AssetType.FEEDER, h.chain().feederId())),
                h.chain().mainTransformerId() == null ? null
                        : open.get(new AssetKey(AssetType.MAIN_TRANSFORMER, h.chain().mainTransformerId())),
                h.chain().substationId() == null ? null : stations.get(h.chain().substationId()))).toList();
    }

    /**
     * The feeders whose pole and switchgear the answer can show. A candidate failing a check that
     * its connection does not decide scores 0, and failing candidates are shown nearest first, at
     * most {@code max-rejected-shown} of them, so only that many of those need locating. Where the
     * line section does not say overhead or cable, the tie-ins decide it: always located.
     */
    private Set<String> worthLocating(List<SourceHit> hits, List<Links> links, SupplyDecision d) {
        Set<String> out = new HashSet<>();
        List<SourceHit> failing = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            SourceHit h = hits.get(i);
            if (h.lineKind() == null || !evaluator.failsWhateverTheConnection(h, links.get(i), d)) {
                out.add(h.assetId());
            } else {
                failing.add(h);
            }
        }
        // the order CandidateRanking shows failing candidates in
        failing.stream()
                .sorted(Comparator.comparingDouble((SourceHit h) -> CandidateEvaluator.round(h.distanceM()))
                        .thenComparing(SourceHit::assetId))
                .limit(p.maxRejectedShown())
                .forEach(h -> out.add(h.assetId()));
        return out;
    }

    private static void addIfPresent(Set<String> set, String id) {
        if (id != null) {
            set.add(id);
        }
    }
}

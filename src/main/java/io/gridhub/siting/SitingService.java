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

import io.gridhub.api.InvalidFieldException;
import io.gridhub.capacity.CapacityService;
import io.gridhub.capacity.MeasuredLink;
import io.gridhub.capacity.OpenCapacity;
import io.gridhub.geo.ServiceArea;
import io.gridhub.grid.AssetType;
import io.gridhub.siting.CandidateEvaluator.Connection;
import io.gridhub.siting.CandidateEvaluator.Links;
import io.gridhub.siting.CandidateSearchRepository.FeederTieIns;
import io.gridhub.siting.SitingAnswer.Candidate;
import io.gridhub.siting.SitingAnswer.NearbySubstation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers a siting question: decides voltage and supply mode, searches sources in widening radii
 * until enough distinct ones are found, screens each along its supply chain, ranks, pairs for
 * dual supply, and lists fallbacks when nothing passes. One answer costs a few index-served
 * queries: one per radius tried, one for the capacity terms of every chain, one for tie-ins.
 * They run in one read-only transaction, so the answer sees one snapshot of the grid store, with
 * the statements' plans reused ({@link CandidateSearchRepository#reusePlans()}).
 */
@Service
public class SitingService {

    private final SitingProperties p;
    private final CandidateSearchRepository search;
    private final CapacityService capacity;
    private final RouteEstimator routes;
    private final SupplyVoltageRules voltageRules;
    private final CandidateEvaluator evaluator;
    private final CandidateRanking ranking;
    private final FallbackPlanner fallbacks;
    private final ServiceArea serviceArea;

    SitingService(SitingProperties properties, CandidateSearchRepository search, CapacityService capacity,
                  RouteEstimator routes, FallbackPlanner fallbacks, ServiceArea serviceArea) {
        this.p = properties;
        this.serviceArea = serviceArea;
        this.search = search;
        this.capacity = capacity;
        this.routes = routes;
        this.voltageRules = new SupplyVoltageRules(properties);
        this.evaluator = new CandidateEvaluator(properties, capacity.missingLoadPolicy());
        this.ranking = new CandidateRanking(properties);
        this.fallbacks = fallbacks;
    }

    @Transactional(readOnly = true)
    public SitingAnswer site(SitingRequest request) {
        SiteCrs crs;
        try {
            crs = SiteCrs.parse(request.crs());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("crs", e.getMessage());
        }
        double[] xy = ChinaOffsetCoordinates.toCgcs2000(crs, request.lon(), request.lat());
        double lon = xy[0];
        double lat = xy[1];
        if (!serviceArea.contains(lon, lat)) {
            ServiceArea a = serviceArea;
            throw new InvalidFieldException(lon < a.minLon() || lon > a.maxLon() ? "lon" : "lat",
                    String.format(java.util.Locale.ROOT, "site (%.6f, %.6f) is outside the service area lon %.2f…%.2f, lat %.2f…%.2f",
                            lon, lat, a.minLon(), a.maxLon(), a.minLat(), a.maxLat()));
        }
        int maxCandidates = request.maxCandidates() == null ? p.defaultMaxCandidates() : request.maxCandidates();
        if (maxCandidates > p.maxCandidatesLimit()) {
            throw new InvalidFieldException("maxCandidates", "at most " + p.maxCandidatesLimit());
        }
        AreaClass area = request.areaClass() == null ? p.defaultAreaClass() : request.areaClass();
        SupplyDecision d = voltageRules.decide(request);
        List<String> notes = new ArrayList<>(d.reasons());
        if (crs != SiteCrs.EPSG_4490) {
            notes.add(String.format(java.util.Locale.ROOT, "site given in %s (%.6f, %.6f), searched at EPSG:4490 (%.6f, %.6f)",
                    crs.code(), request.lon(), request.lat(), lon, lat));
        }
        SitingAnswer.Site site = new SitingAnswer.Site(lon, lat, crs.code(), area);
        search.reusePlans();

        if (d.voltageLevel() == VoltageLevel.OUTSIDE_10KV_SCOPE) {
            List<NearbySubstation> nearest = search.nearestSubstations(lon, lat, p.substationSpareBaysAttribute(),
                    p.nearestSubstations()).stream()
                    .map(s -> new NearbySubstation(s.id(), s.name(), s.voltageKv(), CandidateEvaluator.round(s.distanceM())))
                    .toList();
            notes.add("no 10 kV candidates: a 35 kV or higher connection is planned outside this hub; nearest substations listed");
            return new SitingAnswer(d.voltageLevel(), d.supplyMode(), d.supplyMode().label(), site, d.requestKw(),
                    d.requestKva(), List.of(), List.of(), List.of(), nearest, notes);
        }

        boolean lv = d.voltageLevel().lowVoltage();
        int wanted = Math.max(p.minDistinctSources(), maxCandidates + p.maxRejectedShown());
        Found found = widen(lon, lat, lv, wanted * 2, d.supplyMode());
        List<SourceHit> hits = found.hits();
        int usedRadius = found.radiusM();
        notes.add("searched " + usedRadius + " m around the site: " + hits.size() + " distinct "
                + (lv ? "public transformers" : "10 kV feeders") + " found (enough = " + p.minDistinctSources() + ")");

        Measurements terms = new Measurements();
        List<Candidate> evaluated = evaluate(hits, lon, lat, d, area, request.customerCategory(), terms);
        List<Candidate> ranked = ranking.rank(evaluated, maxCandidates);
        double distanceRef = lv ? p.lowVoltageRadiusM().get(area) : p.maxRadiusM() * p.detourFactor();
        List<SitingAnswer.Pair> pairs = ranking.pairs(ranked, d.supplyMode(), distanceRef);
        if (d.supplyMode() != SupplyMode.SINGLE && pairs.isEmpty()) {
            notes.add("no " + d.supplyMode().label() + " pair among the passing candidates within " + usedRadius + " m");
        }
        List<SitingAnswer.Fallback> fb = List.of();
        boolean nonePass = ranked.stream().noneMatch(Candidate::passed);
        if (nonePass || (d.supplyMode() != SupplyMode.SINGLE && pairs.isEmpty())) {
            fb = fallbacks.plan(lon, lat, d, evaluated, hits, terms);
            if (nonePass) {
                notes.add("no candidate passes every check: see fallbacks");
            }
        }
        return new SitingAnswer(d.voltageLevel(), d.supplyMode(), d.supplyMode().label(), site, d.requestKw(),
                d.requestKva(), ranked, pairs, fb, List.of(), notes);
    }

    /** The sources found and the radius that found them. */
    private record Found(List<SourceHit> hits, int radiusM) {}

    /**
     * Tries the search radii in turn until enough sources are found. The feeder search asks the
     * database once for every two radii: its answer is ordered by exact distance, so the feeders
     * within the smaller radius are exactly the nearest ones of the larger radius's answer (the
     * row limit cuts the far end only). Most 10 kV sites need the second radius, and a query at
     * 500 m costs less than one at 200 m and another at 500 m. The transformer search re-ranks a
     * nearest-neighbour scan, which does not have that property, and is asked per radius.
     */
    private Found widen(double lon, double lat, boolean lv, int limit, SupplyMode mode) {
        List<Integer> radii = p.searchRadiiM();
        int perQuery = lv ? 1 : 2;
        List<SourceHit> hits = List.of();
        int used = 0;
        for (int i = 0; i < radii.size(); i += perQuery) {
            List<Integer> covered = radii.subList(i, Math.min(i + perQuery, radii.size()));
            int queried = covered.get(covered.size() - 1);
            List<SourceHit> answer = lv ? search.transformersWithin(lon, lat, queried, limit)
                    : search.feedersWithin(lon, lat, queried, p.feederVoltageKv(), limit);
            for (int radius : covered) {
                used = radius;
                hits = radius == queried ? answer
                        : answer.stream().filter(h -> h.distanceM() <= radius).toList();
                if (enough(hits, mode)) {
                    return new Found(hits, used);
                }
            }
        }
        return new Found(hits, used);
    }

    /** Enough distinct sources, and for 双电源 at least two substations among them. */
    private boolean enough(List<SourceHit> hits, SupplyMode mode) {
        if (hits.size() < p.minDistinctSources()) {
            return false;
        }
        if (mode == SupplyMode.DUAL_SUPPLY) {
            return hits.stream().map(h -> h.chain().substationId()).filter(java.util.Objects::nonNull)
                    .distinct().count() >= 2;
        }
        return true;
    }

    /**
     * Screens every hit: one query for the capacity terms of all chains, one for the feeders' tie-ins.
     * A feeder that cannot be shown ({@link #worthLocating}) is screened without its pole and
     * switchgear: its checks and score are the same, its route and cost are not, and neither shows.
     */
    List<Candidate> evaluate(List<SourceHit> hits, double lon, double lat, SupplyDecision d, AreaClass area,
                             CustomerCategory category, Measurements terms) {
        if (hits.isEmpty()) {
            return List.of();
        }
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
        Map<String, OpenCapacity> byKey = new HashMap<>();
        for (MeasuredLink m : measured) {
            byKey.putIfAbsent(m.asset().type() + ":" + m.asset().assetId(), capacity.open(m.asset()));
        }
        Map<String, OpenCapacity> stations = new HashMap<>();
        for (String s : substations) {
            List<OpenCapacity> mts = measured.stream()
                    .filter(m -> m.asset().type() == AssetType.MAIN_TRANSFORMER && s.equals(m.substationId()))
                    .collect(Collectors.toMap(m -> m.asset().assetId(), m -> capacity.open(m.asset()), (a, b) -> a))
                    .values().stream().sorted(java.util.Comparator.comparing(OpenCapacity::assetId)).toList();
            if (!mts.isEmpty()) {
                stations.put(s, capacity.substation(s, null, mts));
            }
        }
        boolean lv = d.voltageLevel().lowVoltage();
        List<Links> links = hits.stream().map(h -> new Links(
                lv ? byKey.get("DISTRIBUTION_TRANSFORMER:" + h.chain().transformerId()) : null,
                byKey.get("FEEDER:" + h.chain().feederId()),
                h.chain().mainTransformerId() == null ? null
                        : byKey.get("MAIN_TRANSFORMER:" + h.chain().mainTransformerId()),
                h.chain().substationId() == null ? null : stations.get(h.chain().substationId()))).toList();
        Map<String, FeederTieIns> tieIns = lv ? Map.of()
                : search.tieIns(lon, lat, hits, worthLocating(hits, links, d), p.minSpareBays(), p.tieInMarginM(),
                        p.tieInMaxDistanceM());
        List<Candidate> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            SourceHit h = hits.get(i);
            Connection conn = lv ? new Connection(null, null, null, 0) : connection(h, tieIns.get(h.assetId()));
            double toLon = h.pointLon();
            double toLat = h.pointLat();
            double straight = h.distanceM();
            if (conn.tieIn() != null) {
                toLon = conn.tieIn().lon();
                toLat = conn.tieIn().lat();
                straight = conn.tieIn().distanceM();
            }
            RouteEstimate route = routes.estimate(lon, lat, toLon, toLat, straight);
            out.add(evaluator.evaluate(h, links.get(i), conn, route, d, area, category));
        }
        return out;
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

    /**
     * Overhead or cable, and where to tie in: the line section's kind when the GIS gives it, else
     * the nearer of pole and switchgear, else the conductor type; a cable connection goes to
     * switchgear with spare bays, an overhead one to the nearest pole.
     */
    static Connection connection(SourceHit h, FeederTieIns t) {
        TieIn pole = t == null ? null : t.pole();
        TieIn gear = t == null ? null : t.switchgearWithSpareBay();
        int switchgear = t == null ? 0 : t.switchgearCount();
        int maxSpare = t == null ? 0 : t.maxSpareBays();
        String kind;
        String basis;
        if (h.lineKind() != null) {
            kind = h.lineKind();
            basis = "line section type";
        } else if (switchgear > 0 && (pole == null || (gear != null && gear.distanceM() < pole.distanceM()))) {
            kind = "CABLE";
            basis = "switchgear on the feeder nearer than any pole";
        } else if (pole != null) {
            kind = "OVERHEAD";
            basis = "poles on the feeder";
        } else if (h.conductor() != null && h.conductor().toUpperCase(java.util.Locale.ROOT).contains("YJ")
                && !h.conductor().toUpperCase(java.util.Locale.ROOT).startsWith("JK")) {
            kind = "CABLE";
            basis = "conductor " + h.conductor();
        } else {
            kind = "OVERHEAD";
            basis = h.conductor() == null ? "assumed: no section type, pole, switchgear or conductor recorded"
                    : "conductor " + h.conductor();
        }
        TieIn tieIn = "CABLE".equals(kind) ? gear : pole;
        return new Connection(tieIn, kind, basis, maxSpare);
    }

    private static void addIfPresent(Set<String> set, String id) {
        if (id != null) {
            set.add(id);
        }
    }

    /**
     * The capacity terms an answer has read so far, so that the fallbacks ask the database only for
     * the ones it has not: the feeders (and transformers, main transformers) read, and the
     * substations whose every in-service main transformer was read.
     */
    static final class Measurements {
        private final Map<String, MeasuredLink> byAsset = new HashMap<>();
        private final Set<String> completeStations = new HashSet<>();

        void add(List<MeasuredLink> measured, Set<String> stationsRead) {
            for (MeasuredLink m : measured) {
                byAsset.putIfAbsent(m.asset().type() + ":" + m.asset().assetId(), m);
            }
            completeStations.addAll(stationsRead);
        }

        /** The terms read of an asset, or null. */
        MeasuredLink get(AssetType type, String id) {
            return byAsset.get(type + ":" + id);
        }

        /** Every main transformer of the substation, when all were read; null when they were not. */
        List<MeasuredLink> mainTransformersOf(String substationId) {
            if (!completeStations.contains(substationId)) {
                return null;
            }
            return byAsset.values().stream()
                    .filter(m -> m.asset().type() == AssetType.MAIN_TRANSFORMER && substationId.equals(m.substationId()))
                    .sorted(Comparator.comparing(m -> m.asset().assetId()))
                    .toList();
        }
    }
}

package io.gridhub.siting;

import java.util.List;

import io.gridhub.capacity.CapacityService;
import io.gridhub.geo.ServiceArea;
import io.gridhub.grid.GridReads;
import io.gridhub.siting.RadiusWidening.Found;
import io.gridhub.siting.SitingAnswer.Candidate;
import io.gridhub.siting.SitingAnswer.NearbySubstation;
import org.springframework.stereotype.Service;

/**
 * Answers a siting question (接入方案选址): decides voltage and supply mode, searches sources in
 * widening radii until enough distinct ones are found, screens each along its supply chain, ranks,
 * pairs for dual supply, and lists fallbacks when nothing passes. One answer costs a few
 * index-served queries: one per radius tried, one for the capacity terms of every chain, one for
 * tie-ins. They run in one read-only transaction, so the answer sees one snapshot of the grid
 * store, with the statements' plans reused ({@link CandidateSearchRepository#reusePlans()}): on the
 * read replica when one is set and current ({@link GridReads}), else on the primary; called inside a
 * transaction (a plan drafted), in that transaction on the primary.
 */
@Service
public class SitingService {

    private final GridReads reads;
    private final SitingProperties p;
    private final CandidateSearchRepository search;
    private final ServiceArea serviceArea;
    private final SupplyVoltageRules voltageRules;
    private final RadiusWidening widening;
    private final ChainScreening screening;
    private final CandidateRanking ranking;
    private final FallbackPlanner fallbacks;

    SitingService(SitingProperties properties, CandidateSearchRepository search, CapacityService capacity,
                  RouteEstimator routes, FallbackPlanner fallbacks, ServiceArea serviceArea, GridReads reads) {
        this.reads = reads;
        this.p = properties;
        this.search = search;
        this.serviceArea = serviceArea;
        this.voltageRules = new SupplyVoltageRules(properties);
        this.widening = new RadiusWidening(properties, search);
        this.screening = new ChainScreening(properties, search, capacity, routes,
                new CandidateEvaluator(properties, capacity.missingLoadPolicy()));
        this.ranking = new CandidateRanking(properties);
        this.fallbacks = fallbacks;
    }

    public SitingAnswer site(SitingRequest request) {
        return reads.snapshot(() -> answer(request));
    }

    private SitingAnswer answer(SitingRequest request) {
        SiteQuestion q = SiteQuestion.read(request, p, serviceArea, voltageRules);
        search.reusePlans();
        SupplyDecision d = q.decision();
        if (d.voltageLevel() == VoltageLevel.OUTSIDE_10KV_SCOPE) {
            return outsideScope(q);
        }
        int wanted = Math.max(p.minDistinctSources(), q.maxCandidates() + p.maxRejectedShown());
        Found found = widening.widen(q.lon(), q.lat(), q.lowVoltage(), wanted * 2, d.supplyMode());
        List<String> notes = q.notes();
        notes.add("searched " + found.radiusM() + " m around the site: " + found.hits().size() + " distinct "
                + (q.lowVoltage() ? "public transformers" : "10 kV feeders") + " found (enough = "
                + p.minDistinctSources() + ")");

        MeasuredTerms terms = new MeasuredTerms();
        List<Candidate> screened = screening.screen(found.hits(), q, terms);
        List<Candidate> ranked = ranking.rank(screened, q.maxCandidates());
        double distanceRef = q.lowVoltage() ? p.lowVoltageRadiusM().get(q.area()) : p.maxRadiusM() * p.detourFactor();
        List<SitingAnswer.Pair> pairs = ranking.pairs(ranked, d.supplyMode(), distanceRef);
        boolean pairMissing = d.supplyMode() != SupplyMode.SINGLE && pairs.isEmpty();
        if (pairMissing) {
            notes.add("no " + d.supplyMode().label() + " pair among the passing candidates within " + found.radiusM() + " m");
        }
        boolean nonePass = ranked.stream().noneMatch(Candidate::passed);
        List<SitingAnswer.Fallback> fb = List.of();
        if (nonePass || pairMissing) {
            fb = fallbacks.plan(q.lon(), q.lat(), d, screened, found.hits(), terms);
            if (nonePass) {
                notes.add("no candidate passes every check: see fallbacks");
            }
        }
        return new SitingAnswer(d.voltageLevel(), d.supplyMode(), d.supplyMode().label(), q.site(), d.requestKw(),
                d.requestKva(), ranked, pairs, fb, List.of(), notes);
    }

    /** Above the 10 kV scope: no candidates, the nearest substations for a 35 kV or higher plan. */
    private SitingAnswer outsideScope(SiteQuestion q) {
        SupplyDecision d = q.decision();
        List<NearbySubstation> nearest = search.nearestSubstations(q.lon(), q.lat(), p.substationSpareBaysAttribute(),
                        p.nearestSubstations()).stream()
                .map(s -> new NearbySubstation(s.id(), s.name(), s.voltageKv(), CandidateEvaluator.round(s.distanceM())))
                .toList();
        List<String> notes = q.notes();
        notes.add("no 10 kV candidates: a 35 kV or higher connection is planned outside this hub; nearest substations listed");
        return new SitingAnswer(d.voltageLevel(), d.supplyMode(), d.supplyMode().label(), q.site(), d.requestKw(),
                d.requestKva(), List.of(), List.of(), List.of(), nearest, notes);
    }
}

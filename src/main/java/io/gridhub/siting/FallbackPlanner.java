package io.gridhub.siting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.gridhub.capacity.CapacityService;
import io.gridhub.capacity.MeasuredLink;
import io.gridhub.capacity.OpenCapacity;
import io.gridhub.grid.AssetType;
import io.gridhub.siting.SitingAnswer.Candidate;
import io.gridhub.siting.SitingAnswer.Fallback;
import org.springframework.stereotype.Component;

/**
 * What to offer when no candidate passes: move load over a tie switch to a neighbouring feeder
 * (10 kV), build a new public transformer on a feeder that has room (low voltage), build a new
 * feeder from a substation within reach that has room and a spare bay, or say plainly that
 * there is no solution.
 */
@Component
class FallbackPlanner {

    /** Failing checks a load transfer cures: room on the feeder itself, measured (not a missing load). */
    private static final Set<RuleId> TRANSFER_CURES = EnumSet.of(RuleId.FEEDER_OPEN_CAPACITY, RuleId.FEEDER_LOADING);

    /** Failing checks a new public transformer near the site cures: the old one's room, or its distance. */
    private static final Set<RuleId> NEW_TRANSFORMER_CURES = EnumSet.of(RuleId.TRANSFORMER_OPEN_CAPACITY,
            RuleId.LOW_VOLTAGE_RADIUS);

    private final SitingProperties p;
    private final CandidateSearchRepository search;
    private final CapacityService capacity;

    FallbackPlanner(SitingProperties properties, CandidateSearchRepository search, CapacityService capacity) {
        this.p = properties;
        this.search = search;
        this.capacity = capacity;
    }

    /**
     * The fallbacks for an answer whose candidates do not serve the request; {@code known} holds the
     * capacity terms the answer has already read, which are not read again.
     */
    List<Fallback> plan(double lon, double lat, SupplyDecision d, List<Candidate> evaluated, List<SourceHit> hits,
                        MeasuredTerms known) {
        double req = d.requestKva();
        List<Fallback> out = new ArrayList<>();
        if (d.voltageLevel().lowVoltage()) {
            newTransformer(evaluated, req).ifPresent(out::add);
        } else {
            out.addAll(loadTransfers(evaluated, hits, req, known));
        }
        out.addAll(newFeeders(lon, lat, req, known));
        if (out.isEmpty()) {
            out.add(new Fallback(FallbackKind.NO_SOLUTION, String.format(Locale.ROOT,
                    "no solution: no candidate passes, no tie can take the shortfall and no substation within %.0f km"
                            + " has %.0f kVA open with a spare bay", p.newFeederRadiusM() / 1000, req),
                    List.of(), null, null));
        }
        return out;
    }

    /** Failing feeders short of room only on the feeder itself, whose tie feeders can take the shortfall. */
    private List<Fallback> loadTransfers(List<Candidate> evaluated, List<SourceHit> hits, double req,
                                         MeasuredTerms known) {
        List<Candidate> feederShort = evaluated.stream()
                .filter(c -> !c.passed())
                .filter(c -> c.checks().stream().filter(k -> !k.passed())
                        .allMatch(k -> TRANSFER_CURES.contains(k.id()) && k.value() != null))
                .sorted(Comparator.comparingDouble(Candidate::distanceM))
                .toList();
        if (feederShort.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> ties = hits.stream().collect(Collectors.toMap(SourceHit::assetId,
                SourceHit::tieFeederIds, (a, b) -> a));
        List<String> tieIds = ties.values().stream().flatMap(List::stream).distinct().toList();
        if (tieIds.isEmpty()) {
            return List.of();
        }
        Map<String, OpenCapacity> tieOpen = new HashMap<>();
        List<String> unread = new ArrayList<>();
        for (String id : tieIds) {
            MeasuredLink m = known.get(AssetType.FEEDER, id);
            if (m != null) {
                tieOpen.put(id, capacity.open(m.asset()));
            } else {
                unread.add(id);
            }
        }
        if (!unread.isEmpty()) {
            capacity.measure(List.of(), unread, List.of(), List.of()).stream()
                    .filter(m -> m.asset().type() == AssetType.FEEDER)
                    .forEach(m -> tieOpen.putIfAbsent(m.asset().assetId(), capacity.open(m.asset())));
        }
        List<Fallback> out = new ArrayList<>();
        for (Candidate c : feederShort) {
            OpenCapacity own = c.capacityTerms().stream().filter(t -> t.assetType() == AssetType.FEEDER).findFirst()
                    .orElse(null);
            if (own == null || own.openKva() == null) {
                continue;
            }
            double shortfall = req - own.openKva();
            for (String tie : ties.getOrDefault(c.assetId(), List.of())) {
                OpenCapacity t = tieOpen.get(tie);
                if (t != null && t.openKva() != null && t.openKva() >= shortfall) {
                    out.add(new Fallback(FallbackKind.LOAD_TRANSFER, String.format(Locale.ROOT,
                            "transfer at least %.0f kVA of feeder %s to its tie feeder %s over the tie switch"
                                    + " (%s has %.0f kVA open), then connect to %s", shortfall, c.assetId(), tie, tie,
                            t.openKva(), c.assetId()),
                            List.of(c.assetId(), tie), c.distanceM(), CandidateEvaluator.round(t.openKva())));
                    break;
                }
            }
            if (out.size() >= p.fallbacks().maxLoadTransfers()) {
                break;
            }
        }
        return out;
    }

    /** The nearest failing transformer whose feeder, main transformer and substation all have room. */
    private java.util.Optional<Fallback> newTransformer(List<Candidate> evaluated, double req) {
        return evaluated.stream()
                .filter(c -> !c.passed())
                .filter(c -> c.checks().stream().filter(k -> !k.passed())
                        .allMatch(k -> NEW_TRANSFORMER_CURES.contains(k.id())))
                .min(Comparator.comparingDouble(Candidate::distanceM))
                .map(c -> new Fallback(FallbackKind.NEW_TRANSFORMER, String.format(Locale.ROOT,
                        "build a new public transformer near the site on feeder %s, which with its main transformer"
                                + " and substation has room for %.0f kVA", c.upstream().feederId(), req),
                        List.of(c.upstream().feederId()), c.distanceM(),
                        c.capacityTerms().stream().filter(t -> t.assetType() == AssetType.FEEDER)
                                .map(OpenCapacity::openKva).findFirst().orElse(null)));
    }

    /** Substations within reach with room for the request and a spare 10 kV bay (or none recorded: flagged). */
    private List<Fallback> newFeeders(double lon, double lat, double req, MeasuredTerms known) {
        List<CandidateSearchRepository.NearbySubstationRow> near = search.substationsWithin(lon, lat,
                p.newFeederRadiusM(), p.substationSpareBaysAttribute(), p.fallbacks().substationsConsidered());
        if (near.isEmpty()) {
            return List.of();
        }
        Map<String, List<OpenCapacity>> mts = new HashMap<>();
        List<String> unread = new ArrayList<>();
        for (CandidateSearchRepository.NearbySubstationRow s : near) {
            List<MeasuredLink> read = known.mainTransformersOf(s.id());
            if (read != null) {
                mts.put(s.id(), read.stream().map(m -> capacity.open(m.asset())).toList());
            } else {
                unread.add(s.id());
            }
        }
        if (!unread.isEmpty()) {
            mts.putAll(capacity.measure(List.of(), List.of(), List.of(), unread).stream()
                    .filter(m -> m.asset().type() == AssetType.MAIN_TRANSFORMER)
                    .sorted(Comparator.comparing((MeasuredLink m) -> m.asset().assetId()))
                    .collect(Collectors.groupingBy(MeasuredLink::substationId,
                            Collectors.mapping(m -> capacity.open(m.asset()), Collectors.toList()))));
        }
        List<Fallback> out = new ArrayList<>();
        for (CandidateSearchRepository.NearbySubstationRow s : near) {
            List<OpenCapacity> list = mts.getOrDefault(s.id(), List.of());
            if (list.isEmpty()) {
                continue;
            }
            OpenCapacity station = capacity.substation(s.id(), s.name(), list);
            if (station.openKva() == null || station.openKva() < req
                    || (s.spareBays() != null && s.spareBays() <= 0)) {
                continue;
            }
            String bays = s.spareBays() == null ? "spare 10 kV bay not recorded: verify on site"
                    : s.spareBays() + " spare 10 kV bays";
            out.add(new Fallback(FallbackKind.NEW_FEEDER, String.format(Locale.ROOT,
                    "build a new 10 kV feeder from substation %s (%.1f km away, %.0f kVA open, %s)",
                    s.id(), s.distanceM() / 1000, station.openKva(), bays),
                    List.of(s.id()), CandidateEvaluator.round(s.distanceM()), CandidateEvaluator.round(station.openKva())));
            if (out.size() >= p.fallbacks().maxNewFeeders()) {
                break;
            }
        }
        return out;
    }
}

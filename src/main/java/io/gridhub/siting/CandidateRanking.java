package io.gridhub.siting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.gridhub.siting.SitingAnswer.Candidate;
import io.gridhub.siting.SitingAnswer.Pair;

/**
 * Orders candidates (passing ones by score, then failing ones, which score 0, by distance), keeps
 * the wanted number, and composes dual-supply pairs from the passing ones.
 */
final class CandidateRanking {

    private static final Comparator<Candidate> ORDER = Comparator
            .comparing(Candidate::passed).reversed()
            .thenComparing(Comparator.comparingDouble(Candidate::score).reversed())
            .thenComparingDouble(Candidate::distanceM)
            .thenComparing(Candidate::assetId);

    private final SitingProperties p;

    CandidateRanking(SitingProperties properties) {
        this.p = properties;
    }

    /** Up to {@code maxPassing} passing candidates, then up to the configured number of failing ones, ranked 1…n. */
    List<Candidate> rank(List<Candidate> all, int maxPassing) {
        List<Candidate> sorted = all.stream().sorted(ORDER).toList();
        List<Candidate> passing = sorted.stream().filter(Candidate::passed).limit(maxPassing).toList();
        List<Candidate> failing = sorted.stream().filter(c -> !c.passed()).limit(p.maxRejectedShown()).toList();
        List<Candidate> out = new ArrayList<>(passing.size() + failing.size());
        int rank = 1;
        for (Candidate c : passing) {
            out.add(c.withRank(rank++));
        }
        for (Candidate c : failing) {
            out.add(c.withRank(rank++));
        }
        return out;
    }

    /**
     * Pairs of passing candidates that give the wanted supply mode: 双电源 needs two different
     * substations; 双回路 needs two different busbars (or, where busbars are unknown, two
     * different feeders). A pair from two substations is labelled 双电源 whatever was asked.
     */
    List<Pair> pairs(List<Candidate> ranked, SupplyMode wanted, double distanceRef) {
        if (wanted == SupplyMode.SINGLE) {
            return List.of();
        }
        List<Candidate> passing = ranked.stream().filter(Candidate::passed).toList();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < passing.size(); i++) {
            for (int j = i + 1; j < passing.size(); j++) {
                Candidate a = passing.get(i);
                Candidate b = passing.get(j);
                SupplyMode kind = kind(a, b);
                if (kind == null || (wanted == SupplyMode.DUAL_SUPPLY && kind != SupplyMode.DUAL_SUPPLY)) {
                    continue;
                }
                pairs.add(pair(a, b, kind, distanceRef));
            }
        }
        return pairs.stream()
                .sorted(Comparator.comparingDouble(Pair::score).reversed()
                        .thenComparingInt(Pair::primaryRank).thenComparingInt(Pair::standbyRank))
                .limit(p.maxPairs()).toList();
    }

    /** What two candidates give together, or null when they share their source. */
    static SupplyMode kind(Candidate a, Candidate b) {
        String subA = a.upstream().substationId();
        String subB = b.upstream().substationId();
        if (subA != null && subB != null && !subA.equals(subB)) {
            return SupplyMode.DUAL_SUPPLY;
        }
        String busA = a.upstream().busbarId();
        String busB = b.upstream().busbarId();
        if (busA != null && busB != null) {
            return busA.equals(busB) ? null : SupplyMode.DUAL_CIRCUIT;
        }
        if (!Objects.equals(a.upstream().feederId(), b.upstream().feederId())) {
            return SupplyMode.DUAL_CIRCUIT;
        }
        return null;
    }

    private Pair pair(Candidate a, Candidate b, SupplyMode kind, double distanceRef) {
        double dScore = 100 * CandidateEvaluator.clamp(1 - (a.routeLengthM() + b.routeLengthM()) / 2 / distanceRef);
        double cScore = Math.min(capacityShare(a), capacityShare(b));
        double rScore = kind == SupplyMode.DUAL_SUPPLY ? p.reliability().dualSupply() : p.reliability().dualCircuit();
        SitingProperties.Weights w = p.weights();
        double score = CandidateEvaluator.round(w.distance() * dScore + w.capacity() * cScore + w.reliability() * rScore);
        String explanation = w.distance() + " × distance " + Decimals.fixed(dScore, 1) + " (mean route "
                + Decimals.fixed((a.routeLengthM() + b.routeLengthM()) / 2, 0) + " m) + " + w.capacity() + " × capacity "
                + Decimals.fixed(cScore, 1) + " (the tighter of the two) + " + w.reliability() + " × reliability "
                + Decimals.fixed(rScore, 0) + " (" + kind.label() + ") = " + Decimals.fixed(score, 1);
        return new Pair(kind, kind.label(), a.rank(), b.rank(), a.assetId(), b.assetId(),
                List.of(nz(a.upstream().substationId()), nz(b.upstream().substationId())),
                java.util.Arrays.asList(a.upstream().busbarId(), b.upstream().busbarId()), score, explanation);
    }

    /** The capacity score a candidate got, recovered from its binding link (0–100). */
    private static double capacityShare(Candidate c) {
        return c.capacityTerms().stream()
                .filter(t -> t.openKva() != null && t.allowedKva() > 0)
                .mapToDouble(t -> 100 * CandidateEvaluator.clamp(
                        (t.openKva() - (c.openCapacityKva().before() == null ? 0
                                : c.openCapacityKva().before() - c.openCapacityKva().after())) / t.allowedKva()))
                .min().orElse(0);
    }

    private static String nz(String s) {
        return s == null ? "?" : s;
    }
}

package io.gridhub.siting;

import java.util.ArrayList;
import java.util.List;

import io.gridhub.grid.AssetType;
import io.gridhub.siting.SitingAnswer.Candidate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/** Ranking and pairing on arbitrary candidate sets, without a database. */
class CandidateRankingProperties {

    private final CandidateRanking ranking = new CandidateRanking(SitingProperties.defaults());

    @Provide
    Arbitrary<Candidate> candidates() {
        return Combinators.combine(Arbitraries.strings().alpha().ofLength(4), Arbitraries.doubles().between(0, 2000),
                        Arbitraries.doubles().between(1, 100).ofScale(1), Arbitraries.of(true, false),
                        Arbitraries.of("S1", "S2", "S3"), Arbitraries.of("B1", "B2"))
                .as((id, d, score, passed, sub, bus) -> new Candidate(0, id, AssetType.FEEDER, id,
                        SitingAnswer.GeoJsonPoint.of(107, 39), d, d * 1.3, "x",
                        new SitingAnswer.OpenCapacityKva(1000.0, 500.0, id, AssetType.FEEDER),
                        new SitingAnswer.Upstream(id, sub + bus, "M" + sub, sub), List.of(),
                        new SitingAnswer.Cost(0, 0, List.of()), passed ? score : 0, passed, "", null, null, null,
                        List.of()));
    }

    @Property
    void rankedByScoreWithPassingFirstAndCounted(@ForAll @Size(max = 30) List<@net.jqwik.api.From("candidates") Candidate> all,
                                                 @ForAll @IntRange(min = 1, max = 10) int max) {
        List<Candidate> ranked = ranking.rank(all, max);
        long passing = ranked.stream().filter(Candidate::passed).count();
        assertThat(passing).isEqualTo(Math.min(max, all.stream().filter(Candidate::passed).count()));
        assertThat(ranked.size() - passing).isLessThanOrEqualTo(3);
        for (int i = 0; i < ranked.size(); i++) {
            assertThat(ranked.get(i).rank()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(ranked.get(i).score()).isLessThanOrEqualTo(ranked.get(i - 1).score());
            }
        }
        Statistics.label("ranked").collect(ranked.size() >= 2 ? "two or more" : "fewer");
        Statistics.label("ranked").coverage(k -> k.check("two or more").count(n -> n >= 1));
    }

    @Property
    void pairsNeverShareTheSourceTheModeForbids(@ForAll @Size(max = 12) List<@net.jqwik.api.From("candidates") Candidate> all,
                                                @ForAll SupplyMode mode) {
        List<Candidate> ranked = ranking.rank(all, 12);
        List<SitingAnswer.Pair> pairs = ranking.pairs(ranked, mode, 2600);
        if (mode == SupplyMode.SINGLE) {
            assertThat(pairs).isEmpty();
            return;
        }
        assertThat(pairs.size()).isLessThanOrEqualTo(15);
        List<Double> scores = new ArrayList<>();
        for (SitingAnswer.Pair p : pairs) {
            Candidate a = ranked.get(p.primaryRank() - 1);
            Candidate b = ranked.get(p.standbyRank() - 1);
            assertThat(a.passed() && b.passed()).isTrue();
            if (p.kind() == SupplyMode.DUAL_SUPPLY) {
                assertThat(a.upstream().substationId()).isNotEqualTo(b.upstream().substationId());
            } else {
                assertThat(mode).isEqualTo(SupplyMode.DUAL_CIRCUIT);
                assertThat(a.upstream().busbarId()).isNotEqualTo(b.upstream().busbarId());
            }
            scores.add(p.score());
        }
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        Statistics.label("pairs").collect(mode + (pairs.isEmpty() ? " without pairs" : " with pairs"));
        Statistics.label("pairs").coverage(k -> {
            k.check("DUAL_SUPPLY with pairs").count(n -> n >= 1);
            k.check("DUAL_CIRCUIT with pairs").count(n -> n >= 1);
        });
    }
}

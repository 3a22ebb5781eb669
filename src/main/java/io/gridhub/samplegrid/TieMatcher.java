package io.gridhub.samplegrid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;

/**
 * Chooses tie switches (联络开关) between feeders whose far ends lie close together, preferring a feeder
 * of another substation, then another busbar of the same one (never the same busbar). Ties are
 * symmetric and a feeder has at most three. Works on the far-end points of all feeders, a few
 * bytes each, so the feeders themselves need not be kept.
 */
final class TieMatcher {

    private static final int MAX_TIES = 3;
    private static final double CELL_DEGREES = 0.1;
    /** Wanted number of ties when a feeder seeks any: one mostly, sometimes two or three. */
    private static final double[] WANTED_WEIGHTS = {0.6, 0.3, 0.1};

    private final List<String> feederIds = new ArrayList<>();
    private final List<Coordinate> ends = new ArrayList<>();
    private final List<String> busbars = new ArrayList<>();
    private final List<String> substations = new ArrayList<>();
    private final List<Boolean> urban = new ArrayList<>();

    /** Registers a feeder; feeders must be added in their global order. */
    void add(FeederDesign design, Coordinate farEnd) {
        if (design.globalIndex() != feederIds.size()) {
            throw new IllegalStateException("feeders out of order at " + design.sourceId());
        }
        feederIds.add(design.sourceId());
        ends.add(farEnd);
        busbars.add(design.busbarRef());
        substations.add(design.substationRef());
        urban.add(design.urban());
    }

    /** The tie partners of every feeder, by global index, each list sorted by partner index. */
    List<List<String>> match(GridShape shape, long seed) {
        int n = feederIds.size();
        Map<Long, List<Integer>> cells = new HashMap<>();
        for (int i = 0; i < n; i++) {
            cells.computeIfAbsent(cell(ends.get(i)), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> ties = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ties.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            SeededRandom random = SeededRandom.forKey(seed, feederIds.get(i) + "/ties");
            if (!random.chance(urban.get(i) ? shape.tieShareUrban() : shape.tieShareRural())) {
                continue;
            }
            int wanted = 1 + random.weightedIndex(WANTED_WEIGHTS);
            double radiusM = 1000 * (urban.get(i) ? shape.tieRadiusUrbanKm() : shape.tieRadiusRuralKm());
            Coordinate end = ends.get(i);
            LocalMetres local = LocalMetres.at(end.y);
            record Candidate(int index, boolean sameSubstation, double metres) {
            }
            List<Candidate> candidates = new ArrayList<>();
            long cx = (long) Math.floor(end.x / CELL_DEGREES);
            long cy = (long) Math.floor(end.y / CELL_DEGREES);
            for (long dx = -1; dx <= 1; dx++) {
                for (long dy = -1; dy <= 1; dy++) {
                    for (int j : cells.getOrDefault(key(cx + dx, cy + dy), List.of())) {
                        if (j == i || busbars.get(j).equals(busbars.get(i)) || ties.get(j).size() >= MAX_TIES
                                || ties.get(i).contains(j)) {
                            continue;
                        }
                        double metres = local.distance(end, ends.get(j));
                        if (metres <= radiusM) {
                            candidates.add(new Candidate(j, substations.get(j).equals(substations.get(i)), metres));
                        }
                    }
                }
            }
            candidates.sort(Comparator.comparing(Candidate::sameSubstation).thenComparingDouble(Candidate::metres)
                    .thenComparingInt(Candidate::index));
            for (Candidate c : candidates) {
                if (ties.get(i).size() >= Math.min(wanted, MAX_TIES)) {
                    break;
                }
                ties.get(i).add(c.index());
                ties.get(c.index()).add(i);
            }
        }
        List<List<String>> refs = new ArrayList<>(n);
        for (List<Integer> partners : ties) {
            refs.add(partners.stream().sorted().map(feederIds::get).toList());
        }
        return refs;
    }

    private static long cell(Coordinate c) {
        return key((long) Math.floor(c.x / CELL_DEGREES), (long) Math.floor(c.y / CELL_DEGREES));
    }

    private static long key(long x, long y) {
        return x * 1_000_003L + y;
    }
}

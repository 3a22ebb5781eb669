package io.gridhub.siting;

import java.util.List;
import java.util.Objects;

/**
 * Tries the search radii in turn until enough distinct sources are found. The feeder search asks
 * the database once for every two radii: its answer is ordered by exact distance, so the feeders
 * within the smaller radius are exactly the nearest ones of the larger radius's answer (the row
 * limit cuts the far end only). Most 10 kV sites need the second radius, and a query at 500 m
 * costs less than one at 200 m and another at 500 m. The transformer search re-ranks a
 * nearest-neighbour scan, which does not have that property, and is asked per radius.
 */
final class RadiusWidening {

    /** The sources found and the radius that found them. */
    record Found(List<SourceHit> hits, int radiusM) {}

    private final SitingProperties p;
    private final CandidateSearchRepository search;

    RadiusWidening(SitingProperties properties, CandidateSearchRepository search) {
        this.p = properties;
        this.search = search;
    }

    Found widen(double lon, double lat, boolean lv, int limit, SupplyMode mode) {
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
            return hits.stream().map(h -> h.chain().substationId()).filter(Objects::nonNull)
                    .distinct().count() >= 2;
        }
        return true;
    }
}

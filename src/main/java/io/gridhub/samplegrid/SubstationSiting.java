package io.gridhub.samplegrid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/**
 * Where the n-th substation stands. The configured slots of all sites are interleaved in proportion
 * to each site's count (a site with six substations gets its second before a site with two gets its
 * first), so any prefix of the sequence is a plausible grid; beyond the configured slots, extra
 * substations ring the sites at 6–35 km (wider for very large grids), inside the extent.
 */
final class SubstationSiting {

    /** The n-th substation's site, its number at that site (1-based), voltage and centre. */
    record Slot(OrdosSite site, int ordinalAtSite, int voltageKv, Coordinate centre, boolean urban,
                double bearingFromSite) {
    }

    private static final double GOLDEN_ANGLE = 137.50776;
    private static final double EXTRA_MIN_M = 6_000;
    private static final double EXTRA_MAX_M = 35_000;
    /** An extra substation this close to an urban site's centre serves the town, with urban feeders. */
    private static final double EXTRA_URBAN_M = 12_000;

    private final List<OrdosSite> sites;
    private final List<Slot> configured;
    private final long seed;
    private final GridShape.Extent inner;

    SubstationSiting(List<OrdosSite> sites, long seed, GridShape.Extent extent) {
        this.sites = List.copyOf(sites);
        this.seed = seed;
        // 0.15° (≈ 15 km) margin so an extra substation's feeders rarely need to turn at the border.
        this.inner = extent.shrunkBy(0.15);
        this.configured = configuredSlots();
    }

    int configuredCount() {
        return configured.size();
    }

    Slot slot(int index) {
        if (index < configured.size()) {
            return configured.get(index);
        }
        int extra = index - configured.size();
        OrdosSite site = sites.get(extra % sites.size());
        int ordinal = site.substationCount() + extra / sites.size() + 1;
        SeededRandom random = SeededRandom.forKey(seed, "extra-substation/" + site.code() + "/" + ordinal);
        int voltage = random.chance(0.3) ? 110 : 35;
        Coordinate centre = new Coordinate(site.lon(), site.lat());
        // the ring widens as more are asked for, so a million-asset grid spreads over the banners
        double maxM = Math.min(EXTRA_MAX_M * Math.sqrt(1 + (extra / sites.size()) / 20.0), 250_000);
        double bearing = 0;
        double distanceM = 0;
        for (int attempt = 0; attempt < 30; attempt++) {
            bearing = random.uniform(0, 360);
            distanceM = random.uniform(EXTRA_MIN_M, maxM);
            Coordinate candidate = LocalMetres.at(site.lat()).move(centre, bearing, distanceM);
            if (inner.contains(candidate.x, candidate.y)) {
                centre = candidate;
                break;
            }
        }
        boolean urban = site.urban() && distanceM < EXTRA_URBAN_M;
        return new Slot(site, ordinal, voltage, centre, urban, bearing);
    }

    private List<Slot> configuredSlots() {
        record Keyed(double key, int siteOrder, Slot slot) {
        }
        List<Keyed> keyed = new ArrayList<>();
        for (int s = 0; s < sites.size(); s++) {
            OrdosSite site = sites.get(s);
            List<Integer> voltages = alternatingVoltages(site);
            for (int k = 0; k < voltages.size(); k++) {
                SeededRandom random = SeededRandom.forKey(seed, "substation-site/" + site.code() + "/" + (k + 1));
                Coordinate centre = new Coordinate(site.lon(), site.lat());
                double bearing = k * GOLDEN_ANGLE + random.uniform(-20, 20);
                double radiusM = site.radiusKm() * 1000 * Math.sqrt((k + 0.5) / voltages.size())
                        * random.uniform(0.8, 1.1);
                Coordinate at = LocalMetres.at(site.lat()).move(centre, bearing, radiusM);
                keyed.add(new Keyed((k + 0.5) / voltages.size(), s,
                        new Slot(site, k + 1, voltages.get(k), at, site.urban(), normalise(bearing))));
            }
        }
        keyed.sort(Comparator.comparingDouble(Keyed::key).thenComparingInt(Keyed::siteOrder)
                .thenComparingInt(k -> k.slot().ordinalAtSite()));
        return keyed.stream().map(Keyed::slot).toList();
    }

    /** 110, 35, 110, 35 … while each lasts: the first substation of a town is its 110 kV one. */
    private static List<Integer> alternatingVoltages(OrdosSite site) {
        List<Integer> voltages = new ArrayList<>();
        int high = site.substations110();
        int medium = site.substations35();
        while (high > 0 || medium > 0) {
            if (high-- > 0) {
                voltages.add(110);
            }
            if (medium-- > 0) {
                voltages.add(35);
            }
        }
        return voltages;
    }

    private static double normalise(double degrees) {
        double d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }
}

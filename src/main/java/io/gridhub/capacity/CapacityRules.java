package io.gridhub.capacity;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.gridhub.grid.AssetType;

/**
 * Turns what the store measured about an asset into its open capacity, by the configured rules:
 * allowed loading, N-1 caps for feeders (by ties) and main transformers (by count per
 * substation), the default power factor, the simultaneity of committed capacity. Plain Java, so
 * the rules are tested without a database.
 */
public final class CapacityRules {

    private static final double SQRT3 = Math.sqrt(3);

    private final CapacityProperties p;

    public CapacityRules(CapacityProperties properties) {
        this.p = properties;
    }

    public CapacityProperties properties() {
        return p;
    }

    /** The open capacity of a distribution transformer, feeder or main transformer. */
    public OpenCapacity open(MeasuredAsset a) {
        double rated;
        String ratedBasis;
        if (a.ratedKva() != null) {
            rated = a.ratedKva();
            ratedBasis = "nameplate " + fmt(rated) + " kVA";
        } else if (a.ratedCurrentA() != null && a.voltageKv() != null) {
            rated = SQRT3 * a.voltageKv() * a.ratedCurrentA();
            ratedBasis = "√3 × " + fmt(a.voltageKv()) + " kV × " + fmt(a.ratedCurrentA()) + " A";
        } else {
            throw new IllegalArgumentException(a.type() + " " + a.assetId() + " has neither rated kVA nor rated current");
        }
        Cap cap = switch (a.type()) {
            case FEEDER -> feederCap(a.tieCount());
            case MAIN_TRANSFORMER -> mainTransformerCap(a.mainTransformersInSubstation());
            default -> new Cap(p.allowedLoading(), "allowed loading");
        };
        Double peakKva = null;
        Double pf = null;
        boolean measured = false;
        if (a.peakKw() != null) {
            measured = a.peakPowerFactor() != null;
            pf = measured ? a.peakPowerFactor() : p.defaultPowerFactor();
            peakKva = a.peakKw() / pf;
        }
        double committedCounted = a.committedKva() * p.simultaneityFactor();
        Double open = peakKva == null ? null : rated * cap.share() - peakKva - committedCounted;
        return new OpenCapacity(a.type(), a.assetId(), a.name(), rated, ratedBasis, cap.share(), cap.basis(),
                a.peakKw(), pf, measured, peakKva, a.peakMonth() == null ? null : a.peakMonth().toString(),
                a.committedKva(), p.simultaneityFactor(), open);
    }

    /**
     * A substation as a whole: the sum of its main transformers, under the N-1 cap for their
     * count. Missing if any main transformer's load is missing (a partial sum would understate it).
     */
    public OpenCapacity substation(String substationId, String name, List<OpenCapacity> mainTransformers) {
        double rated = mainTransformers.stream().mapToDouble(OpenCapacity::ratedKva).sum();
        Cap cap = mainTransformerCap(mainTransformers.size());
        boolean missing = mainTransformers.isEmpty() || mainTransformers.stream().anyMatch(OpenCapacity::loadMissing);
        Double peakKw = missing ? null : mainTransformers.stream().mapToDouble(OpenCapacity::peakKw).sum();
        Double peakKva = missing ? null : mainTransformers.stream().mapToDouble(OpenCapacity::peakKva).sum();
        double committed = mainTransformers.stream().mapToDouble(OpenCapacity::committedKva).sum();
        Double open = missing ? null : rated * cap.share() - peakKva - committed * p.simultaneityFactor();
        return new OpenCapacity(AssetType.SUBSTATION, substationId, name, rated,
                "sum of " + mainTransformers.size() + " main transformers", cap.share(), cap.basis(),
                peakKw, missing || peakKw == 0 ? null : peakKw / peakKva, false, peakKva, null,
                committed, p.simultaneityFactor(), open);
    }

    /** A feeder with n ties must keep room to take over its neighbours' load (N-1). */
    Cap feederCap(int ties) {
        Double n1 = byCount(p.feederN1Caps(), ties);
        return n1 == null
                ? new Cap(p.allowedLoading(), "allowed loading (no tie, N-1 not possible)")
                : new Cap(n1, "N-1 with " + ties + (ties == 1 ? " tie" : " ties"));
    }

    /** A substation with n main transformers must carry one's loss on the others (N-1). */
    Cap mainTransformerCap(int count) {
        Double n1 = byCount(p.mainTransformerN1Caps(), count);
        return n1 == null
                ? new Cap(p.allowedLoading(), "allowed loading (" + count + " main transformer, N-1 not possible)")
                : new Cap(n1, "N-1 with " + count + " main transformers");
    }

    /** The cap of the largest configured count not above {@code count}; null when count is below all. */
    private static Double byCount(Map<Integer, Double> caps, int count) {
        Map.Entry<Integer, Double> e = new TreeMap<>(caps).floorEntry(count);
        return e == null ? null : e.getValue();
    }

    record Cap(double share, String basis) {}

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(Math.round(v * 10) / 10.0);
    }
}

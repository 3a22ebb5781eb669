package io.gridhub.samplegrid;

import java.util.List;
import io.gridhub.samplegrid.SampleAssets.LineKind;

/**
 * The physical tunables of the generated grid: lengths, spacings, densities and conductors.
 * {@link #defaults()} is a plausible northern-China 10 kV network; change a value to reshape the grid.
 *
 * @param urbanTrunkKm          trunk length of a feeder from an urban substation (km, min..max)
 * @param ruralTrunkKm          trunk length of a feeder from a rural substation (km)
 * @param branchKm              length of a branch line (支线) teed off an overhead trunk (km)
 * @param maxBranchesUrban      at most this many branches on an urban overhead feeder
 * @param maxBranchesRural      at most this many branches on a rural overhead feeder
 * @param poleSpanM             span between consecutive poles of an overhead line (m); poles sit on every vertex
 * @param cableStepM            length of one straight run of an underground cable route (m)
 * @param sectionM              length of a feeder section between switch points (m)
 * @param cableExitM            length of the cable exit (电缆出线) of an overhead feeder leaving an urban substation (m)
 * @param urbanCableShare       share of urban feeders built all in cable (the rest overhead with a cable exit)
 * @param ruralCableExitShare   share of rural overhead feeders that also leave the substation in cable
 * @param turnSigmaDegrees      standard deviation of a turn (degrees); a line turns on average every eighth span
 * @param poleTransformerEveryM one pole-mounted transformer per this many metres of overhead line, on average
 * @param boxTransformersPerRmu box-type transformers next to each ring main unit (min..max)
 * @param dedicatedSharePole    share of pole-mounted transformers that are dedicated (专变)
 * @param dedicatedShareBox     share of box-type transformers that are dedicated
 * @param transformerOffsetM    distance of a transformer from its pole or ring main unit (m)
 * @param tieShareUrban         share of urban feeders that seek tie switches (联络) to other feeders
 * @param tieShareRural         share of rural feeders that seek ties
 * @param tieRadiusUrbanKm      a tie partner's far end must lie within this distance (urban, km)
 * @param tieRadiusRuralKm      the same for rural feeders (km)
 * @param feedersPerBusbar110   10 kV feeders on each busbar of a 110 kV substation (min..max)
 * @param feedersPerBusbar35    10 kV feeders on each busbar of a 35 kV substation (min..max)
 * @param extent                every asset stays inside this lon/lat box (Ordos)
 * @param trunkOverhead         trunk conductors of overhead feeders, picked uniformly
 * @param branchOverhead        branch conductors
 * @param cables                cable conductors (cable feeders and cable exits)
 */
public record GridShape(
        Range urbanTrunkKm, Range ruralTrunkKm, Range branchKm, int maxBranchesUrban, int maxBranchesRural,
        Range poleSpanM, Range cableStepM, Range sectionM, Range cableExitM,
        double urbanCableShare, double ruralCableExitShare, double turnSigmaDegrees,
        double poleTransformerEveryM, IntRange boxTransformersPerRmu,
        double dedicatedSharePole, double dedicatedShareBox, Range transformerOffsetM,
        double tieShareUrban, double tieShareRural, double tieRadiusUrbanKm, double tieRadiusRuralKm,
        IntRange feedersPerBusbar110, IntRange feedersPerBusbar35, Extent extent,
        List<Conductor> trunkOverhead, List<Conductor> branchOverhead, List<Conductor> cables) {

    /** A closed interval of reals. */
    public record Range(double min, double max) {
        double draw(SeededRandom random) {
            return random.uniform(min, max);
        }
    }

    /** A closed interval of integers. */
    public record IntRange(int min, int max) {
        int draw(SeededRandom random) {
            return random.between(min, max);
        }
    }

    /** A lon/lat bounding box (degrees). */
    public record Extent(double minLon, double minLat, double maxLon, double maxLat) {
        public boolean contains(double lon, double lat) {
            return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
        }

        Extent shrunkBy(double degrees) {
            return new Extent(minLon + degrees, minLat + degrees, maxLon - degrees, maxLat - degrees);
        }
    }

    /** A conductor type and its continuous current rating (A). */
    public record Conductor(String name, double ratedCurrentA, LineKind kind) {
    }

    /** Ordos: about 106.7–111.5°E, 37.6–40.9°N. */
    public static final Extent ORDOS = new Extent(106.7, 37.6, 111.5, 40.9);

    public static GridShape defaults() {
        return new GridShape(
                new Range(2, 6), new Range(5, 12), new Range(0.5, 3), 1, 2,
                new Range(40, 60), new Range(60, 150), new Range(300, 800), new Range(200, 600),
                0.7, 0.1, 18,
                700, new IntRange(1, 2),
                0.3, 0.5, new Range(4, 25),
                0.6, 0.35, 3, 8,
                new IntRange(5, 9), new IntRange(2, 3), ORDOS,
                List.of(new Conductor("JKLYJ-240", 490, LineKind.OVERHEAD),
                        new Conductor("JKLYJ-185", 420, LineKind.OVERHEAD),
                        new Conductor("LGJ-240", 610, LineKind.OVERHEAD),
                        new Conductor("LGJ-150", 445, LineKind.OVERHEAD)),
                List.of(new Conductor("JKLYJ-120", 320, LineKind.OVERHEAD),
                        new Conductor("LGJ-95", 335, LineKind.OVERHEAD),
                        new Conductor("LGJ-70", 275, LineKind.OVERHEAD)),
                List.of(new Conductor("YJV22-3x300", 420, LineKind.CABLE),
                        new Conductor("YJV22-3x240", 375, LineKind.CABLE),
                        new Conductor("YJV22-3x400", 480, LineKind.CABLE)));
    }

    /**
     * Shorter rural feeders with denser transformers, so that a grid sized by transformer count has
     * about ten per feeder (the 1M-transformer / 100k-feeder siting benchmark).
     */
    GridShape withAboutTenTransformersPerFeeder() {
        return new GridShape(urbanTrunkKm, new Range(3, 8), branchKm, maxBranchesUrban, 1,
                poleSpanM, cableStepM, sectionM, cableExitM, urbanCableShare, ruralCableExitShare, turnSigmaDegrees,
                650, boxTransformersPerRmu, dedicatedSharePole, dedicatedShareBox,
                transformerOffsetM, tieShareUrban, tieShareRural, tieRadiusUrbanKm, tieRadiusRuralKm,
                feedersPerBusbar110, feedersPerBusbar35, extent, trunkOverhead, branchOverhead, cables);
    }

    GridShape withFeedersPerBusbar(IntRange at110, IntRange at35) {
        return new GridShape(urbanTrunkKm, ruralTrunkKm, branchKm, maxBranchesUrban, maxBranchesRural,
                poleSpanM, cableStepM, sectionM, cableExitM, urbanCableShare, ruralCableExitShare, turnSigmaDegrees,
                poleTransformerEveryM, boxTransformersPerRmu, dedicatedSharePole, dedicatedShareBox,
                transformerOffsetM, tieShareUrban, tieShareRural, tieRadiusUrbanKm, tieRadiusRuralKm,
                at110, at35, extent, trunkOverhead, branchOverhead, cables);
    }
}

package io.gridhub.samplegrid;

import io.gridhub.samplegrid.GridShape.Conductor;
import io.gridhub.samplegrid.SampleAssets.Busbar;
import io.gridhub.samplegrid.SampleAssets.MainTransformer;
import io.gridhub.samplegrid.SampleAssets.Substation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Lays out the n-th substation: its fenced yard, 2–3 main transformers of standard ratings, two 10 kV
 * busbar sections, and the designs of the feeders leaving each busbar in evenly spread directions.
 * Main transformers are sized last, to the load of the feeders.
 */
final class SubstationPlanner {

    /** Standard main transformer ratings (kVA), per voltage. */
    private static final double[] MVA_110 = {31_500, 40_000, 50_000, 63_000};
    private static final double[] MVA_35 = {5_000, 8_000, 10_000, 20_000};
    private static final String[] BUSBAR_NUMERALS = {"I", "II"};
    private static final String[] DIRECTIONS = {"北", "东北", "东", "东南", "南", "西南", "西", "西北"};
    private static final String[] ORDINALS = {"", "二", "三", "四", "五", "六", "七", "八", "九"};

    private final SampleGridSpec spec;
    private final SubstationSiting siting;
    private final GeometryFactory geometry;
    private final FeederBuilder builder;
    private final PeakLoadModel loads;
    private final Set<String> usedNames = new HashSet<>();
    private int feederCount;

    SubstationPlanner(SampleGridSpec spec, List<OrdosSite> sites, GeometryFactory geometry, FeederBuilder builder,
                      PeakLoadModel loads) {
        this.spec = spec;
        this.builder = builder;
        this.loads = loads;
        this.siting = new SubstationSiting(sites, spec.seed(), spec.shape().extent());
        this.geometry = geometry;
    }

    /** Plans substations in order; call with 0, 1, 2, … */
    PlannedSubstation plan(int index) {
        SubstationSiting.Slot slot = siting.slot(index);
        OrdosSite site = slot.site();
        String code = site.code() + "-" + String.format(Locale.ROOT, "%02d", slot.ordinalAtSite());
        String substationId = "SUB-" + code;
        SeededRandom random = SeededRandom.forKey(spec.seed(), substationId);
        String name = uniqueName(slot) + slot.voltageKv() + "kV变电站";
        Coordinate centre = slot.centre();
        LocalMetres local = LocalMetres.at(centre.y);
        double orientation = random.uniform(0, 90);
        Substation substation = new Substation(substationId, name, slot.voltageKv(),
                geometry.createPolygon(yard(local, centre, orientation)));

        boolean high = slot.voltageKv() == 110;
        int transformers = random.chance(0.35) ? 3 : 2;
        List<String> mtIds = new ArrayList<>();
        for (int t = 1; t <= transformers; t++) {
            mtIds.add("MT-" + code + "-" + t);
        }

        List<Busbar> busbars = new ArrayList<>();
        GridShape.IntRange perBusbar = high ? spec.shape().feedersPerBusbar110() : spec.shape().feedersPerBusbar35();
        int[] feedersOnBusbar = new int[BUSBAR_NUMERALS.length];
        int feeders = 0;
        for (int b = 0; b < BUSBAR_NUMERALS.length; b++) {
            String numeral = BUSBAR_NUMERALS[b];
            // with three main transformers the third runs in parallel on section II
            busbars.add(new Busbar("BUS-" + code + "-" + numeral, name + "10kV " + numeral + "段母线", substationId,
                    mtIds.get(b), 10, geometry.createPoint(rotated(local, centre, orientation, -12 + 24 * b, -12))));
            feedersOnBusbar[b] = perBusbar.draw(random);
            feeders += feedersOnBusbar[b];
        }

        List<FeederDesign> designs = new ArrayList<>();
        double base = random.uniform(0, 360);
        int n = 0;
        for (int b = 0; b < busbars.size(); b++) {
            for (int f = 0; f < feedersOnBusbar[b]; f++) {
                n++;
                // busbar I and II feeders interleave round the compass, so neighbours on the map sit on different sections
                int slotAround = b == 0 ? 2 * f : 2 * f + 1;
                double bearing = base + slotAround * 360.0 / feeders + random.gaussian() * 8;
                designs.add(design(random, slot, code, substationId, busbars.get(b).sourceId(), n, centre, bearing));
            }
        }
        // Build every feeder once: its size counts towards the target, its far end is a tie candidate,
        // and its load sizes the main transformers, as a planner sizes them to the load they serve.
        long assets = 1 + transformers + busbars.size();
        long distributionTransformers = 0;
        List<Coordinate> farEnds = new ArrayList<>();
        List<double[]> feederPeaks = new ArrayList<>();
        for (FeederDesign design : designs) {
            BuiltFeeder built = builder.build(design, List.of());
            assets += built.assetCount();
            distributionTransformers += built.transformers().size();
            farEnds.add(built.trunkEnd());
            List<double[]> transformerPeaks = new ArrayList<>();
            for (SampleAssets.DistributionTransformer dt : built.transformers()) {
                transformerPeaks.add(loads.transformerPeaks(dt.sourceId(), dt.ratedKva()));
            }
            feederPeaks.add(loads.feederPeaks(design.sourceId(), transformerPeaks));
        }
        double unitKva = mainTransformerRating(random, high, loads.demandKva(feederPeaks), transformers);
        List<MainTransformer> mts = new ArrayList<>();
        for (int t = 1; t <= transformers; t++) {
            Coordinate at = rotated(local, centre, orientation, -15 + 15 * (t - 1), 14);
            mts.add(new MainTransformer(mtIds.get(t - 1), name + t + "号主变", substationId, unitKva,
                    geometry.createPoint(at)));
        }
        return new PlannedSubstation(substation, mts, busbars, designs, assets,
                distributionTransformers, farEnds);
    }

    /**
     * The standard unit rating that gives the substation its capacity-to-load ratio (容载比): mostly
     * 1.5–2.6 as planning guides ask, sometimes below 1.1 where load grew faster than the station.
     */
    private static double mainTransformerRating(SeededRandom random, boolean high, double demandKva, int units) {
        double[] ratings = high ? MVA_110 : MVA_35;
        if (random.chance(0.15)) {
            // outgrown: the largest unit that is still too small for the ratio, often for the load itself
            double wanted = demandKva * random.uniform(0.7, 1.1);
            double chosen = ratings[0];
            for (double rating : ratings) {
                if (rating * units <= wanted) {
                    chosen = rating;
                }
            }
            return chosen;
        }
        double wanted = demandKva * random.uniform(1.5, 2.6);
        for (double rating : ratings) {
            if (rating * units >= wanted) {
                return rating;
            }
        }
        return ratings[ratings.length - 1];
    }

    private FeederDesign design(SeededRandom random, SubstationSiting.Slot slot, String code, String substationId,
                                String busbarId, int n, Coordinate centre, double bearing) {
        GridShape shape = spec.shape();
        boolean urban = slot.urban();
        boolean allCable = urban && random.chance(shape.urbanCableShare());
        boolean cableExit = !allCable && (urban || random.chance(shape.ruralCableExitShare()));
        double trunkM = (urban ? shape.urbanTrunkKm() : shape.ruralTrunkKm()).draw(random) * 1000;
        Conductor trunk = random.pick(allCable ? shape.cables() : shape.trunkOverhead());
        Conductor exit = random.pick(shape.cables());
        double exitM = cableExit ? shape.cableExitM().draw(random) : 0;
        String number = String.format(Locale.ROOT, "%02d", n);
        String stem = code + "-" + number;
        String name = "10kV" + slot.site().abbreviationZh() + String.format(Locale.ROOT, "%02d", slot.ordinalAtSite())
                + "-" + number + "线";
        Coordinate start = LocalMetres.at(centre.y).move(centre, bearing, 50);
        return new FeederDesign(feederCount++, "FDR-" + stem, stem, name, substationId, busbarId, urban, allCable,
                exitM, start, bearing, trunkM, trunk, exit);
    }

    /** 康巴什 for a town's first substation, then 康巴什北, 康巴什东南二 … by direction from the town centre. */
    private String uniqueName(SubstationSiting.Slot slot) {
        String stem = slot.site().stationZh();
        if (slot.ordinalAtSite() > 1) {
            stem += DIRECTIONS[(int) Math.floor(((slot.bearingFromSite() + 22.5) % 360) / 45)];
        }
        String candidate = stem;
        for (int i = 1; !usedNames.add(candidate + slot.voltageKv()); i++) {
            candidate = stem + (i < ORDINALS.length ? ORDINALS[i] : String.valueOf(i + 1));
        }
        return candidate;
    }

    /** A 60 m × 80 m fence, counter-clockwise as RFC 7946 asks of exterior rings. */
    private static Coordinate[] yard(LocalMetres local, Coordinate centre, double orientation) {
        double[][] corners = {{-30, -40}, {30, -40}, {30, 40}, {-30, 40}, {-30, -40}};
        Coordinate[] ring = new Coordinate[corners.length];
        for (int i = 0; i < corners.length; i++) {
            ring[i] = rotated(local, centre, orientation, corners[i][0], corners[i][1]);
        }
        return ring;
    }

    private static Coordinate rotated(LocalMetres local, Coordinate centre, double degrees, double east, double north) {
        double r = StrictMath.toRadians(degrees);
        double cos = StrictMath.cos(r);
        double sin = StrictMath.sin(r);
        return local.shift(centre, east * cos - north * sin, east * sin + north * cos);
    }
}

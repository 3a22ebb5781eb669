package io.gridhub.samplegrid;

import io.gridhub.samplegrid.GridShape.Conductor;
import io.gridhub.samplegrid.SampleAssets.DistributionTransformer;
import io.gridhub.samplegrid.SampleAssets.Feeder;
import io.gridhub.samplegrid.SampleAssets.FeederSection;
import io.gridhub.samplegrid.SampleAssets.LineKind;
import io.gridhub.samplegrid.SampleAssets.Ownership;
import io.gridhub.samplegrid.SampleAssets.Pole;
import io.gridhub.samplegrid.SampleAssets.RingMainUnit;
import io.gridhub.samplegrid.SampleAssets.SwitchgearKind;
import io.gridhub.samplegrid.SampleAssets.TransformerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

/**
 * Builds one feeder from its {@link FeederDesign}: the trunk as a walk of straight spans with an
 * occasional gentle turn, branch lines teed off overhead trunks, sections cut every few hundred
 * metres at a switch point, a pole on every overhead vertex, ring main units at the section ends of
 * cable feeders, and distribution transformers on poles and beside ring main units.
 * The result depends only on the design and the seed.
 */
final class FeederBuilder {

    /** Standard pole-mounted ratings (kVA) and how common each is. */
    private static final double[] POLE_KVA = {50, 63, 80, 100, 125, 160, 200, 250, 315, 400};
    private static final double[] POLE_WEIGHT_RURAL = {10, 8, 8, 14, 8, 14, 10, 10, 8, 10};
    private static final double[] POLE_WEIGHT_URBAN = {2, 2, 3, 8, 6, 12, 14, 16, 15, 22};
    /** Standard box-type ratings (kVA). */
    private static final double[] BOX_KVA = {400, 500, 630, 800, 1000, 1250, 1600};
    private static final double[] BOX_WEIGHT = {15, 12, 30, 18, 12, 6, 7};
    /** Average number of steps between two turns of a line. */
    private static final double SPANS_PER_TURN = 8;
    private static final double SQRT3 = Math.sqrt(3);

    private final GridShape shape;
    private final long seed;
    private final GeometryFactory geometry;
    private final GridShape.Extent inner;
    private final Coordinate extentCentre;

    FeederBuilder(GridShape shape, long seed, GeometryFactory geometry) {
        this.shape = shape;
        this.seed = seed;
        this.geometry = geometry;
        // 0.002° ≈ 200 m: keeps transformer offsets and rounding well inside the extent.
        this.inner = shape.extent().shrunkBy(0.002);
        GridShape.Extent e = shape.extent();
        this.extentCentre = new Coordinate((e.minLon() + e.maxLon()) / 2, (e.minLat() + e.maxLat()) / 2);
    }

    /** A vertex of a line and the kind of the span that ends there (null for the first vertex). */
    private record Vertex(Coordinate at, LineKind spanKind, double heading) {
    }

    BuiltFeeder build(FeederDesign design, List<String> ties) {
        SeededRandom random = SeededRandom.forKey(seed, design.sourceId() + "/route");
        String shortName = design.name().substring("10kV".length());
        List<FeederSection> sections = new ArrayList<>();
        List<Pole> poles = new ArrayList<>();
        List<RingMainUnit> rmus = new ArrayList<>();
        List<DistributionTransformer> transformers = new ArrayList<>();
        List<LineString> lines = new ArrayList<>();

        double cableM = design.allCable() ? design.trunkM() : design.cableExitM();
        List<Vertex> trunk = walk(random, design.start(), design.bearing(), design.trunkM(), cableM);
        lines.add(line(trunk, 0, trunk.size() - 1));
        List<Integer> cuts = cutPoints(random, trunk);
        Conductor limiting = design.trunkConductor();
        for (int s = 0; s + 1 < cuts.size(); s++) {
            LineKind kind = trunk.get(cuts.get(s) + 1).spanKind();
            Conductor conductor = kind == LineKind.CABLE && !design.allCable()
                    ? design.exitConductor() : design.trunkConductor();
            if (conductor.ratedCurrentA() < limiting.ratedCurrentA()) {
                limiting = conductor;
            }
            sections.add(section(design, sections.size() + 1, conductor, kind, line(trunk, cuts.get(s), cuts.get(s + 1))));
        }

        List<Integer> trunkPoleVertices = new ArrayList<>();
        polesAlong(design, trunk, 0, "", shortName, random, poles, transformers, trunkPoleVertices);

        if (design.allCable()) {
            for (int s = 1; s < cuts.size(); s++) {
                Vertex v = trunk.get(cuts.get(s));
                ringMainUnit(design, shortName, random, v.at(), rmus, transformers);
            }
        } else {
            int maxBranches = design.urban() ? shape.maxBranchesUrban() : shape.maxBranchesRural();
            int branches = trunkPoleVertices.size() < 10 ? 0 : random.between(0, maxBranches);
            for (int b = 1; b <= branches; b++) {
                int pick = (int) (trunkPoleVertices.size() * random.uniform(0.3, 0.85));
                Vertex attach = trunk.get(trunkPoleVertices.get(pick));
                double side = random.chance(0.5) ? 1 : -1;
                double bearing = attach.heading() + side * random.uniform(60, 100);
                List<Vertex> branch = walk(random, attach.at(), bearing, shape.branchKm().draw(random) * 1000, 0);
                lines.add(line(branch, 0, branch.size() - 1));
                Conductor conductor = random.pick(shape.branchOverhead());
                List<Integer> branchCuts = cutPoints(random, branch);
                for (int s = 0; s + 1 < branchCuts.size(); s++) {
                    sections.add(section(design, sections.size() + 1, conductor, LineKind.OVERHEAD,
                            line(branch, branchCuts.get(s), branchCuts.get(s + 1))));
                }
                polesAlong(design, branch, 1, "B" + b + "-", shortName + b + "支", random, poles, transformers,
                        new ArrayList<>());
            }
        }

        long dedicated = transformers.stream().filter(t -> t.ownership() == Ownership.DEDICATED).count();
        int otherCustomers = random.chance(0.1) ? random.between(30, 60) : random.between(0, 8);
        double ratedKva = Math.round(SQRT3 * 10 * limiting.ratedCurrentA() * 10) / 10.0;
        Feeder feeder = new Feeder(design.sourceId(), design.name(), design.substationRef(), design.busbarRef(), 10,
                limiting.name(), limiting.ratedCurrentA(), ratedKva, ties, (int) dedicated + otherCustomers,
                geometry.createMultiLineString(lines.toArray(LineString[]::new)));
        return new BuiltFeeder(feeder, sections, poles, rmus, transformers, trunk.get(trunk.size() - 1).at());
    }

    /**
     * Walks {@code lengthM} from {@code start}: cable runs for the first {@code cableM}, then overhead
     * spans (each a pole span). The heading stays put for several spans, then turns a little, drifting
     * back towards the general bearing; at the extent border it turns inwards.
     */
    private List<Vertex> walk(SeededRandom random, Coordinate start, double bearing, double lengthM, double cableM) {
        List<Vertex> vertices = new ArrayList<>();
        vertices.add(new Vertex(start, null, bearing));
        Coordinate at = start;
        double heading = bearing;
        double done = 0;
        while (done < lengthM - 1) {
            LineKind kind = done < cableM - 1 ? LineKind.CABLE : LineKind.OVERHEAD;
            double step = kind == LineKind.CABLE
                    ? Math.min(shape.cableStepM().draw(random), cableM - done)
                    : shape.poleSpanM().draw(random);
            if (random.chance(1 / SPANS_PER_TURN)) {
                double drift = normalise(bearing - heading);
                heading += 0.3 * drift + random.gaussian() * shape.turnSigmaDegrees();
            }
            LocalMetres local = LocalMetres.at(at.y);
            Coordinate next = local.move(at, heading, step);
            if (!inner.contains(next.x, next.y)) {
                heading = local.bearing(at, extentCentre);
                next = local.move(at, heading, step);
            }
            vertices.add(new Vertex(next, kind, heading));
            at = next;
            done += step;
        }
        return vertices;
    }

    /** Vertex indexes where sections start and end: every few hundred metres, and where cable turns overhead. */
    private List<Integer> cutPoints(SeededRandom random, List<Vertex> line) {
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        double since = 0;
        double target = shape.sectionM().draw(random);
        for (int i = 1; i < line.size(); i++) {
            since += LocalMetres.at(line.get(i - 1).at().y).distance(line.get(i - 1).at(), line.get(i).at());
            boolean last = i == line.size() - 1;
            boolean kindChanges = !last && line.get(i + 1).spanKind() != line.get(i).spanKind();
            if (last || kindChanges || since >= target) {
                cuts.add(i);
                since = 0;
                target = shape.sectionM().draw(random);
            }
        }
        return cuts;
    }

    /** A pole on every vertex that an overhead span touches, from {@code from}; pole-mounted transformers on some. */
    private void polesAlong(FeederDesign design, List<Vertex> line, int from, String idInfix, String numberPrefix,
                            SeededRandom random, List<Pole> poles, List<DistributionTransformer> transformers,
                            List<Integer> poleVertices) {
        int number = 0;
        for (int i = from; i < line.size(); i++) {
            boolean overheadBefore = i > 0 && line.get(i).spanKind() == LineKind.OVERHEAD;
            boolean overheadAfter = i + 1 < line.size() && line.get(i + 1).spanKind() == LineKind.OVERHEAD;
            if (!overheadBefore && !overheadAfter) {
                continue;
            }
            number++;
            poleVertices.add(i);
            String no = String.format(Locale.ROOT, "%03d", number);
            String poleNumber = "10kV" + numberPrefix + "#" + no;
            String poleId = "POLE-" + design.idStem() + "-" + idInfix + no;
            Coordinate at = line.get(i).at();
            poles.add(new Pole(poleId, poleNumber, design.sourceId(), poleNumber, geometry.createPoint(at)));
            double meanSpan = (shape.poleSpanM().min() + shape.poleSpanM().max()) / 2;
            if (number > 2 && random.chance(meanSpan / shape.poleTransformerEveryM())) {
                double side = random.chance(0.5) ? 90 : -90;
                double offset = Math.min(shape.transformerOffsetM().draw(random), 15);
                Coordinate placed = LocalMetres.at(at.y).move(at, line.get(i).heading() + side, offset);
                int k = random.weightedIndex(design.urban() ? POLE_WEIGHT_URBAN : POLE_WEIGHT_RURAL);
                Ownership ownership = random.chance(shape.dedicatedSharePole()) ? Ownership.DEDICATED : Ownership.PUBLIC;
                transformers.add(new DistributionTransformer(transformerId(design, transformers),
                        poleNumber.substring("10kV".length()) + "杆" + (ownership == Ownership.PUBLIC ? "公变" : "专变"),
                        TransformerKind.POLE_MOUNTED, ownership, POLE_KVA[k], design.sourceId(), poleId, null,
                        geometry.createPoint(placed)));
            }
        }
    }

    private void ringMainUnit(FeederDesign design, String shortName, SeededRandom random, Coordinate at,
                              List<RingMainUnit> rmus, List<DistributionTransformer> transformers) {
        int n = rmus.size() + 1;
        SwitchgearKind kind;
        int totalBays;
        if (n == 1 && design.urban() && random.chance(0.25)) {
            kind = SwitchgearKind.SWITCHING_STATION;
            totalBays = 8;
        } else if (random.chance(0.2)) {
            kind = SwitchgearKind.CABLE_BRANCH_BOX;
            totalBays = 4;
        } else {
            kind = SwitchgearKind.RING_MAIN_UNIT;
            totalBays = random.between(4, 6);
        }
        int boxes = kind == SwitchgearKind.CABLE_BRANCH_BOX
                ? random.between(0, 1) : shape.boxTransformersPerRmu().draw(random);
        int used = Math.min(totalBays, 2 + boxes + random.between(0, 3));
        String rmuId = "RMU-" + design.idStem() + "-" + String.format(Locale.ROOT, "%02d", n);
        String rmuName = shortName + n + "号" + switch (kind) {
            case SWITCHING_STATION -> "开关站";
            case CABLE_BRANCH_BOX -> "电缆分支箱";
            case RING_MAIN_UNIT -> "环网柜";
        };
        rmus.add(new RingMainUnit(rmuId, rmuName, kind, design.sourceId(), totalBays, totalBays - used,
                geometry.createPoint(at)));
        for (int b = 1; b <= boxes; b++) {
            Coordinate placed = LocalMetres.at(at.y).move(at, random.uniform(0, 360), shape.transformerOffsetM().draw(random));
            Ownership ownership = random.chance(shape.dedicatedShareBox()) ? Ownership.DEDICATED : Ownership.PUBLIC;
            transformers.add(new DistributionTransformer(transformerId(design, transformers),
                    rmuName + b + "号箱变", TransformerKind.BOX_TYPE, ownership, BOX_KVA[random.weightedIndex(BOX_WEIGHT)],
                    design.sourceId(), null, rmuId, geometry.createPoint(placed)));
        }
    }

    private FeederSection section(FeederDesign design, int n, Conductor conductor, LineKind kind, LineString geom) {
        String no = String.format(Locale.ROOT, "%03d", n);
        return new FeederSection("SEC-" + design.idStem() + "-" + no, design.name() + no + "段", design.sourceId(),
                conductor.name(), kind, geom);
    }

    private static String transformerId(FeederDesign design, List<DistributionTransformer> sofar) {
        return "DT-" + design.idStem() + "-" + String.format(Locale.ROOT, "%03d", sofar.size() + 1);
    }

    private LineString line(List<Vertex> vertices, int from, int to) {
        Coordinate[] coordinates = new Coordinate[to - from + 1];
        for (int i = from; i <= to; i++) {
            coordinates[i - from] = vertices.get(i).at();
        }
        return geometry.createLineString(coordinates);
    }

    private static double normalise(double degrees) {
        double d = degrees % 360;
        if (d > 180) {
            d -= 360;
        } else if (d < -180) {
            d += 360;
        }
        return d;
    }
}

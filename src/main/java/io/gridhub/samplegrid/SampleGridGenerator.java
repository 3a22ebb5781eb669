package io.gridhub.samplegrid;

import io.gridhub.samplegrid.SampleAssets.Busbar;
import io.gridhub.samplegrid.SampleAssets.DistributionTransformer;
import io.gridhub.samplegrid.SampleAssets.FeederSection;
import io.gridhub.samplegrid.SampleAssets.LoadAssetType;
import io.gridhub.samplegrid.SampleAssets.MainTransformer;
import io.gridhub.samplegrid.SampleAssets.MonthlyPeak;
import io.gridhub.samplegrid.SampleAssets.Pole;
import io.gridhub.samplegrid.SampleAssets.RingMainUnit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Generates a synthetic Ordos grid into a folder, streaming. A first pass plans substation after
 * substation (building each feeder once to learn its size, load and far end, then dropping it)
 * until the size target is met, and matches tie switches on the far ends; a second pass rebuilds every feeder
 * identically, now with its ties, and writes it with its loads before moving on. Memory is bounded
 * by the largest substation plus a few dozen bytes per feeder.
 */
public final class SampleGridGenerator {

    /** Bump when the same seed and spec would produce different bytes. */
    public static final String GENERATOR_VERSION = "1";
    /** CGCS2000 geographic. */
    public static final int SRID = 4490;

    /** What was written. */
    public record Result(int substations, int feeders, long assets, long transformers, Map<String, Long> counts) {
    }

    private SampleGridGenerator() {
    }

    public static Result generate(SampleGridSpec spec, Path folder) {
        return generate(spec, OrdosSite.load(), folder);
    }

    public static Result generate(SampleGridSpec spec, List<OrdosSite> sites, Path folder) {
        GeometryFactory geometry = new GeometryFactory(new PrecisionModel(), SRID);
        FeederBuilder builder = new FeederBuilder(spec.shape(), spec.seed(), geometry);

        PeakLoadModel loads = new PeakLoadModel(spec.load(), spec.seed());
        SubstationPlanner planner = new SubstationPlanner(spec, sites, geometry, builder, loads);
        TieMatcher tieMatcher = new TieMatcher();
        List<PlannedSubstation> plans = new ArrayList<>();
        long assets = 0;
        long transformers = 0;
        int feeders = 0;
        while (!sizeReached(spec, plans.size(), assets, transformers)) {
            PlannedSubstation plan = planner.plan(plans.size());
            plans.add(plan);
            assets += plan.assetCount();
            transformers += plan.transformerCount();
            for (int f = 0; f < plan.feeders().size(); f++) {
                tieMatcher.add(plan.feeders().get(f), plan.feederFarEnds().get(f));
                feeders++;
            }
        }
        List<List<String>> ties = tieMatcher.match(spec.shape(), spec.seed());

        GeoJsonFeatures features = new GeoJsonFeatures();
        Map<String, Long> counts;
        try (GridFiles files = new GridFiles(folder)) {
            for (PlannedSubstation plan : plans) {
                writeSubstation(plan, builder, ties, loads, features, files);
            }
            counts = files.counts();
        }
        Result result = new Result(plans.size(), feeders, assets, transformers, counts);
        Manifest.write(folder.resolve("manifest.json"), spec, result, loads.months());
        return result;
    }

    private static boolean sizeReached(SampleGridSpec spec, int substations, long assets, long transformers) {
        if (spec.substations() > 0) {
            return substations >= spec.substations();
        }
        if (spec.targetAssets() > 0) {
            return assets >= spec.targetAssets();
        }
        return transformers >= spec.targetTransformers();
    }

    private static void writeSubstation(PlannedSubstation plan, FeederBuilder builder, List<List<String>> ties,
                                        PeakLoadModel loads, GeoJsonFeatures features, GridFiles files) {
        files.feature("substation.geojsonl", features.substation(plan.substation()));
        for (MainTransformer mt : plan.mainTransformers()) {
            files.feature("main_transformer.geojsonl", features.mainTransformer(mt));
        }
        for (Busbar busbar : plan.busbars()) {
            files.feature("busbar.geojsonl", features.busbar(busbar));
        }
        List<double[]> feederPeaks = new ArrayList<>();
        for (FeederDesign design : plan.feeders()) {
            BuiltFeeder built = builder.build(design, ties.get(design.globalIndex()));
            files.feature("feeder.geojsonl", features.feeder(built.feeder()));
            for (FeederSection section : built.sections()) {
                files.feature("feeder_section.geojsonl", features.feederSection(section));
            }
            for (Pole pole : built.poles()) {
                files.feature("pole.geojsonl", features.pole(pole));
            }
            for (RingMainUnit rmu : built.ringMainUnits()) {
                files.feature("ring_main_unit.geojsonl", features.ringMainUnit(rmu));
            }
            List<double[]> transformerPeaks = new ArrayList<>();
            for (DistributionTransformer dt : built.transformers()) {
                files.feature("distribution_transformer.geojsonl", features.distributionTransformer(dt));
                double[] kw = loads.transformerPeaks(dt.sourceId(), dt.ratedKva());
                transformerPeaks.add(kw);
                writeLoads(loads, files, dt.sourceId(), LoadAssetType.PB, kw);
            }
            double[] kw = loads.feederPeaks(design.sourceId(), transformerPeaks);
            feederPeaks.add(kw);
            writeLoads(loads, files, design.sourceId(), LoadAssetType.XL, kw);
        }
        double ratedTotal = plan.mainTransformers().stream().mapToDouble(MainTransformer::ratedKva).sum();
        for (MainTransformer mt : plan.mainTransformers()) {
            double[] kw = loads.mainTransformerPeaks(mt.sourceId(), mt.ratedKva() / ratedTotal, feederPeaks);
            writeLoads(loads, files, mt.sourceId(), LoadAssetType.ZB, kw);
        }
    }

    private static void writeLoads(PeakLoadModel loads, GridFiles files, String ref, LoadAssetType type, double[] kw) {
        if (!loads.metered(ref)) {
            return;
        }
        for (MonthlyPeak row : loads.rows(ref, type, kw)) {
            files.loadRow(row);
        }
    }
}

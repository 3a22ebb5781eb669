package io.gridhub.samplegrid;

import io.gridhub.samplegrid.SampleAssets.LoadAssetType;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic monthly peaks (最大负荷) as the production MIS exports them. A distribution transformer
 * gets a yearly peak loading (mostly light, some 80–100 %, a few above its rating) shaped by an
 * Ordos seasonal curve; a feeder's peak is a diversity share of its transformers' peaks plus load
 * of 10 kV customers not modelled as transformers; a main transformer carries its rating share of
 * its substation's feeders. Loads are true loads: an asset left out of the export (unmetered)
 * still loads the feeder above it.
 */
final class PeakLoadModel {

    /** PMS timestamps are Beijing time. */
    private static final ZoneOffset CHINA_STANDARD_TIME = ZoneOffset.ofHours(8);

    private final LoadShape shape;
    private final long seed;
    private final List<YearMonth> months;

    PeakLoadModel(LoadShape shape, long seed) {
        this.shape = shape;
        this.seed = seed;
        List<YearMonth> list = new ArrayList<>();
        for (int i = 11; i >= 0; i--) {
            list.add(shape.lastMonth().minusMonths(i));
        }
        this.months = List.copyOf(list);
    }

    List<YearMonth> months() {
        return months;
    }

    /** Monthly peak kW of a distribution transformer of {@code ratedKva}. */
    double[] transformerPeaks(String ref, double ratedKva) {
        SeededRandom random = SeededRandom.forKey(seed, ref + "/load");
        double r = random.nextDouble();
        double loading;
        if (r < shape.overloadedShare()) {
            loading = random.uniform(1.0, 1.3);
        } else if (r < shape.overloadedShare() + shape.heavyShare()) {
            loading = random.uniform(0.8, 1.0);
        } else {
            GridShape.Range light = shape.lightLoading();
            loading = light.min() + (light.max() - light.min()) * (random.nextDouble() + random.nextDouble()) / 2;
        }
        double[] profile = seasonalProfile(random);
        double[] kw = new double[12];
        for (int m = 0; m < 12; m++) {
            kw[m] = loading * profile[m] * ratedKva * powerFactor(ref, m);
        }
        return kw;
    }

    /** Monthly peak kW of a feeder from its transformers' monthly peaks. */
    double[] feederPeaks(String ref, List<double[]> transformerPeaks) {
        SeededRandom random = SeededRandom.forKey(seed, ref + "/load");
        double factor = shape.feederDiversity().draw(random) * (1 + shape.feederUnmodelled().draw(random));
        return scaledSum(transformerPeaks, factor, random);
    }

    /** Monthly peak kW of a main transformer carrying {@code ratingShare} of its substation's feeders. */
    double[] mainTransformerPeaks(String ref, double ratingShare, List<double[]> feederPeaks) {
        SeededRandom random = SeededRandom.forKey(seed, ref + "/load");
        double factor = ratingShare * shape.mainDiversity().draw(random) * (1 + shape.mainUnmodelled().draw(random));
        return scaledSum(feederPeaks, factor, random);
    }

    /**
     * The load a substation's main transformers must carry (kVA): the yearly maximum of its feeders'
     * summed monthly peaks, with the average main-transformer uplift, at a typical power factor.
     */
    double demandKva(List<double[]> feederPeaks) {
        double max = 0;
        for (int m = 0; m < 12; m++) {
            double sum = 0;
            for (double[] kw : feederPeaks) {
                sum += kw[m];
            }
            max = Math.max(max, sum);
        }
        GridShape.Range d = shape.mainDiversity();
        GridShape.Range u = shape.mainUnmodelled();
        return max * (d.min() + d.max()) / 2 * (1 + (u.min() + u.max()) / 2) / 0.92;
    }

    /** Whether the export has rows for this asset at all (about 2 % do not). */
    boolean metered(String ref) {
        return !SeededRandom.forKey(seed, ref + "/metered").chance(shape.missingShare());
    }

    /** The twelve export rows of one asset. */
    List<SampleAssets.MonthlyPeak> rows(String ref, LoadAssetType type, double[] kw) {
        SeededRandom random = SeededRandom.forKey(seed, ref + "/rows");
        List<SampleAssets.MonthlyPeak> rows = new ArrayList<>(12);
        for (int m = 0; m < 12; m++) {
            YearMonth month = months.get(m);
            Double pf = random.chance(shape.emptyPowerFactorShare()) ? null : powerFactor(ref, m);
            int day = random.between(1, month.lengthOfMonth());
            boolean summer = month.getMonthValue() >= 6 && month.getMonthValue() <= 8;
            int hour = summer ? random.between(11, 15) : random.between(18, 21);
            int minute = 15 * random.between(0, 3);
            rows.add(new SampleAssets.MonthlyPeak(ref, type, month, Math.round(kw[m] * 10) / 10.0, pf,
                    month.atDay(day).atTime(hour, minute).atOffset(CHINA_STANDARD_TIME)));
        }
        return rows;
    }

    /** The month's power factor (two decimals), steady per asset with a little monthly wander. */
    double powerFactor(String ref, int monthIndex) {
        SeededRandom base = SeededRandom.forKey(seed, ref + "/pf");
        double asset = base.uniform(0.86, 0.96);
        SeededRandom month = SeededRandom.forKey(seed, ref + "/pf/" + monthIndex);
        return Math.round(Math.min(0.99, asset + month.uniform(-0.02, 0.02)) * 100) / 100.0;
    }

    /** Seasonal factors for the exported months, with noise, scaled so the highest month is 1. */
    private double[] seasonalProfile(SeededRandom random) {
        double[] f = new double[12];
        double max = 0;
        for (int m = 0; m < 12; m++) {
            f[m] = shape.seasonalFactor(months.get(m).getMonthValue()) * (1 + 0.04 * random.gaussian());
            max = Math.max(max, f[m]);
        }
        for (int m = 0; m < 12; m++) {
            f[m] /= max;
        }
        return f;
    }

    private static double[] scaledSum(List<double[]> parts, double factor, SeededRandom random) {
        double[] kw = new double[12];
        for (double[] part : parts) {
            for (int m = 0; m < 12; m++) {
                kw[m] += part[m];
            }
        }
        for (int m = 0; m < 12; m++) {
            kw[m] *= factor * (1 + 0.02 * random.gaussian());
        }
        return kw;
    }
}

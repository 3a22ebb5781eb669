package io.gridhub.samplegrid;

import java.time.YearMonth;

/**
 * The tunables of the synthetic PMS load export (最大负荷).
 *
 * @param lastMonth            the last month exported; twelve months ending here are written
 * @param overloadedShare      share of distribution transformers whose yearly peak exceeds their rating (100–130 %)
 * @param heavyShare           share loaded 80–100 %
 * @param lightLoading         loading of the rest, drawn from a triangular distribution over this range
 * @param missingShare         share of assets with no load rows at all (not yet metered, or lost in the export)
 * @param emptyPowerFactorShare share of rows whose power factor (功率因数) is left empty
 * @param seasonal             monthly peak relative to the yearly peak, January first (Ordos: winter heating peak)
 * @param feederDiversity      feeder peak = diversity × Σ transformer peaks × (1 + unmodelled)
 * @param feederUnmodelled     share added for 10 kV customers metered at high voltage without a modelled transformer
 * @param mainDiversity        main transformer peak = diversity × Σ feeder peaks × rating share × (1 + unmodelled)
 * @param mainUnmodelled       share added for 35 kV outgoing lines and station service
 */
public record LoadShape(YearMonth lastMonth, double overloadedShare, double heavyShare, GridShape.Range lightLoading,
                        double missingShare, double emptyPowerFactorShare, double[] seasonal,
                        GridShape.Range feederDiversity, GridShape.Range feederUnmodelled,
                        GridShape.Range mainDiversity, GridShape.Range mainUnmodelled) {

    public LoadShape {
        seasonal = seasonal.clone();
        if (seasonal.length != 12) {
            throw new IllegalArgumentException("seasonal needs 12 monthly factors");
        }
    }

    @Override
    public double[] seasonal() {
        return seasonal.clone();
    }

    double seasonalFactor(int monthOfYear) {
        return seasonal[monthOfYear - 1];
    }

    LoadShape withMainUnmodelled(GridShape.Range share) {
        return new LoadShape(lastMonth, overloadedShare, heavyShare, lightLoading, missingShare, emptyPowerFactorShare,
                seasonal, feederDiversity, feederUnmodelled, mainDiversity, share);
    }

    public static LoadShape defaults() {
        return new LoadShape(YearMonth.of(2026, 10), 0.03, 0.08, new GridShape.Range(0.15, 0.78),
                0.02, 0.1,
                new double[] {1.0, 0.97, 0.88, 0.78, 0.74, 0.82, 0.9, 0.88, 0.78, 0.8, 0.9, 0.98},
                new GridShape.Range(0.65, 0.85), new GridShape.Range(0.3, 1.2),
                new GridShape.Range(0.85, 0.95), new GridShape.Range(0.05, 0.35));
    }
}

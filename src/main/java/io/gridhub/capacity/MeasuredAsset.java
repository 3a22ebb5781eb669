package io.gridhub.capacity;

import java.time.YearMonth;

import io.gridhub.grid.AssetType;

/**
 * What the grid store knows about one link of a supply chain before any rule is applied: its
 * rating, what the N-1 rules need (ties, main transformers per substation), its windowed peak and
 * the capacity committed to it.
 *
 * @param type distribution transformer, feeder or main transformer
 * @param assetId source id (设备编码)
 * @param name display name
 * @param ratedKva nameplate rating, or null for a feeder rated by current only
 * @param ratedCurrentA a feeder's rated current (A), used when ratedKva is null
 * @param voltageKv a feeder's voltage (kV), for √3·U·I
 * @param tieCount a feeder's ties to other feeders (联络)
 * @param mainTransformersInSubstation main transformers in service in a main transformer's substation
 * @param peakKw largest measured peak (kW) in the window, null when none was measured
 * @param peakPowerFactor the power factor measured with that peak, null when the MIS gave none
 * @param peakMonth the month of that peak, null when none
 * @param committedKva capacity promised to accepted cases on this asset (before simultaneity)
 */
public record MeasuredAsset(
        AssetType type,
        String assetId,
        String name,
        Double ratedKva,
        Double ratedCurrentA,
        Double voltageKv,
        int tieCount,
        int mainTransformersInSubstation,
        Double peakKw,
        Double peakPowerFactor,
        YearMonth peakMonth,
        double committedKva) {
}

package io.gridhub.capacity;

import io.gridhub.grid.AssetType;

/**
 * Open capacity (可开放容量) of one link of a supply chain, with every term that produced it:
 * {@code open = rated × cap − peak (kW ÷ cos φ) − committed × simultaneity}. When no peak was
 * measured in the window the load is reported missing ({@code peakKva} and {@code openKva} null),
 * never taken as zero.
 *
 * @param assetType distribution transformer, feeder, main transformer or substation
 * @param assetId source id
 * @param name display name
 * @param ratedKva rating in kVA
 * @param ratedBasis where the rating comes from (nameplate, √3·U·I, sum of main transformers)
 * @param capUsed allowed loading applied (share of the rating)
 * @param capBasis why that cap (allowed loading, N-1 with n ties, N-1 with n main transformers)
 * @param peakKw largest measured peak in the window (kW), null when missing
 * @param powerFactor cos φ used to turn that peak into kVA
 * @param powerFactorMeasured whether cos φ was measured (else the configured default)
 * @param peakKva the peak in kVA, null when missing
 * @param peakMonth month of the peak (yyyy-MM), null when missing
 * @param committedKva capacity promised to accepted cases
 * @param simultaneityFactor share of the promised capacity counted
 * @param openKva rated × cap − peak − committed × simultaneity, null when the load is missing
 */
public record OpenCapacity(
        AssetType assetType,
        String assetId,
        String name,
        double ratedKva,
        String ratedBasis,
        double capUsed,
        String capBasis,
        Double peakKw,
        Double powerFactor,
        boolean powerFactorMeasured,
        Double peakKva,
        String peakMonth,
        double committedKva,
        double simultaneityFactor,
        Double openKva) {

    /** rated × cap: the most the asset may carry. */
    public double allowedKva() {
        return ratedKva * capUsed;
    }

    /** The promised capacity that is counted against open capacity. */
    public double committedCountedKva() {
        return committedKva * simultaneityFactor;
    }

    /** Whether no peak was measured in the window. */
    public boolean loadMissing() {
        return peakKva == null;
    }

    /** rated × cap − committed: what is open if the unmeasured load were zero; only ever an upper bound. */
    public double openUpperBoundKva() {
        return allowedKva() - committedCountedKva();
    }

    /** Loading (share of the rating) after connecting {@code requestKva}, null when the load is missing. */
    public Double loadingAfter(double requestKva) {
        return peakKva == null ? null : (peakKva + committedCountedKva() + requestKva) / ratedKva;
    }

    /** Whether the measured load, the promises and the request fit under the cap. */
    public boolean hasRoomFor(double requestKva) {
        return openKva != null && openKva >= requestKva;
    }
}

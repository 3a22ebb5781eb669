package io.gridhub.capacity;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The open-capacity rules (keys {@code hub.capacity.*}); every number of the domain reference is
 * one of these, with its default in application.yml.
 *
 * @param allowedLoading share of the rating an asset may carry when no N-1 cap applies (0.8)
 * @param defaultPowerFactor cos φ for peaks measured without a power factor (0.9)
 * @param simultaneityFactor share of committed capacity counted against open capacity (同时率)
 * @param peakWindowMonths how many recent months of measured peaks the peak is the maximum of
 * @param feederN1Caps cap of a 10 kV feeder by its number of ties (1 → 0.50, 2 → 0.67, 3 → 0.75);
 *                     more ties than the largest key use the largest key's cap
 * @param mainTransformerN1Caps cap of a main transformer by main transformers in its substation
 *                              (2 → 0.65, 3 → 0.87); more use the largest key's cap
 * @param missingLoad what an asset without a measured peak in the window is
 * @param maxFeatures most assets one capacity map request returns
 */
@ConfigurationProperties("hub.capacity")
public record CapacityProperties(
        double allowedLoading,
        double defaultPowerFactor,
        double simultaneityFactor,
        int peakWindowMonths,
        Map<Integer, Double> feederN1Caps,
        Map<Integer, Double> mainTransformerN1Caps,
        MissingLoadPolicy missingLoad,
        int maxFeatures) {

    public CapacityProperties {
        require(allowedLoading > 0 && allowedLoading <= 1.2, "hub.capacity.allowed-loading must be in (0, 1.2]");
        require(defaultPowerFactor > 0 && defaultPowerFactor <= 1, "hub.capacity.default-power-factor must be in (0, 1]");
        require(simultaneityFactor >= 0 && simultaneityFactor <= 1, "hub.capacity.simultaneity-factor must be in [0, 1]");
        require(peakWindowMonths >= 1, "hub.capacity.peak-window-months must be at least 1");
        feederN1Caps = new TreeMap<>(feederN1Caps == null ? Map.of() : feederN1Caps);
        mainTransformerN1Caps = new TreeMap<>(mainTransformerN1Caps == null ? Map.of() : mainTransformerN1Caps);
        missingLoad = missingLoad == null ? MissingLoadPolicy.REJECT : missingLoad;
        maxFeatures = maxFeatures <= 0 ? 5000 : maxFeatures;
    }

    /** The defaults of the domain reference, for tests and tools that run without Spring. */
    public static CapacityProperties defaults() {
        return new CapacityProperties(0.8, 0.9, 1.0, 12, Map.of(1, 0.50, 2, 0.67, 3, 0.75),
                Map.of(2, 0.65, 3, 0.87), MissingLoadPolicy.REJECT, 5000);
    }

    public CapacityProperties withSimultaneity(double factor) {
        return new CapacityProperties(allowedLoading, defaultPowerFactor, factor, peakWindowMonths,
                feederN1Caps, mainTransformerN1Caps, missingLoad, maxFeatures);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

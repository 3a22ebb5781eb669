package io.gridhub.grid;

import java.util.Map;

/**
 * How much of the grid the store holds: in-service assets per type, measured load rows, and the
 * extent of the substations (lon/lat, EPSG:4490), or null when the store is empty.
 *
 * @param inService in-service asset count per type
 * @param retired retired asset count per type
 * @param measuredLoads rows of measured peak load
 * @param extent minLon, minLat, maxLon, maxLat of all in-service substations
 */
public record GridSummary(Map<AssetType, Long> inService, Map<AssetType, Long> retired, long measuredLoads,
                          double[] extent) {

    public GridSummary {
        inService = Map.copyOf(inService);
        retired = Map.copyOf(retired);
    }

    /** Total in-service assets. */
    public long totalInService() {
        return inService.values().stream().mapToLong(Long::longValue).sum();
    }
}

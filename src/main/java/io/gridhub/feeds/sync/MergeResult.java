package io.gridhub.feeds.sync;

import java.util.EnumMap;
import java.util.Map;

import io.gridhub.grid.AssetType;

/** What a merge changed; counts per asset type and the extent (EPSG:4490) of the changes. */
public final class MergeResult {

    final Map<AssetType, Long> changed = new EnumMap<>(AssetType.class);
    long inserted;
    long updated;
    long unchanged;
    long retired;
    long quarantined;
    long flagged;
    long loadsChanged;
    long crossFeedDuplicates;
    double[] extent;

    public long inserted() { return inserted; }
    public long updated() { return updated; }
    public long unchanged() { return unchanged; }
    public long retired() { return retired; }
    /** Records quarantined during the merge (loads for unknown assets). */
    public long quarantined() { return quarantined; }
    public long flagged() { return flagged; }
    public long loadsChanged() { return loadsChanged; }
    /** Records whose asset another feed holds in service (kept as DUPLICATE, flagged). */
    public long crossFeedDuplicates() { return crossFeedDuplicates; }
    public Map<AssetType, Long> changed() { return changed; }
    /** minLon, minLat, maxLon, maxLat of what changed, or null. */
    public double[] extent() { return extent; }

    void count(AssetType type, long n) {
        if (n > 0) {
            changed.merge(type, n, Long::sum);
        }
    }

    void extend(double minX, double minY, double maxX, double maxY) {
        if (extent == null) {
            extent = new double[] {minX, minY, maxX, maxY};
        } else {
            extent[0] = Math.min(extent[0], minX);
            extent[1] = Math.min(extent[1], minY);
            extent[2] = Math.max(extent[2], maxX);
            extent[3] = Math.max(extent[3], maxY);
        }
    }
}

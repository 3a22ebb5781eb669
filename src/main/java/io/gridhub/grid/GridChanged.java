package io.gridhub.grid;

import java.time.Instant;
import java.util.Map;

/**
 * The grid store changed: a feed run committed. Published as a Spring event after the commit
 * (and announced on the grid-changed JMS topic) so that dependent figures, such as open capacity,
 * are refreshed.
 *
 * @param feedId the feed whose run changed the store
 * @param runId the run
 * @param changed inserted + updated + retired records per asset type (load rows count under null-free key types)
 * @param loadsChanged whether measured peak loads changed
 * @param extent minLon, minLat, maxLon, maxLat (EPSG:4490) of the changed assets, or null when unknown
 * @param at when the run committed
 */
public record GridChanged(String feedId, String runId, Map<AssetType, Long> changed, boolean loadsChanged,
                          double[] extent, Instant at) {

    public GridChanged {
        changed = Map.copyOf(changed);
    }
}

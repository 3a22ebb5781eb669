package io.gridhub.tiles;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.gridhub.grid.AssetType;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The vector tiles (keys {@code hub.tiles.*}, defaults in application.yml).
 *
 * @param extent tile grid units per tile side (MVT extent)
 * @param buffer grid units drawn beyond each tile edge, so lines and symbols meet across tiles
 * @param simplifyPixels lines are simplified to this many pixels of a 256-pixel tile at its zoom
 * @param minZoom the lowest zoom at which an asset type is in the tiles (absent: 0)
 * @param cacheMaxBytes most bytes of rendered tiles kept in memory
 * @param capacityMaxAge how long a cached capacity tile is served: commitments change open capacity without a feed run
 * @param baseMapUrl XYZ URL template of the base map behind the grid ({z}/{x}/{y}); empty: a plain background
 * @param baseMapAttribution attribution text shown with the base map
 */
@ConfigurationProperties("hub.tiles")
public record TileProperties(int extent, int buffer, double simplifyPixels, Map<AssetType, Integer> minZoom,
                             long cacheMaxBytes, Duration capacityMaxAge, String baseMapUrl,
                             String baseMapAttribution) {

    public TileProperties {
        extent = extent <= 0 ? 4096 : extent;
        buffer = Math.max(buffer, 0);
        simplifyPixels = Math.max(simplifyPixels, 0);
        Map<AssetType, Integer> zooms = new EnumMap<>(AssetType.class);
        if (minZoom != null) {
            zooms.putAll(minZoom);
        }
        minZoom = Map.copyOf(zooms);
        cacheMaxBytes = Math.max(cacheMaxBytes, 0);
        capacityMaxAge = capacityMaxAge == null ? Duration.ofMinutes(1) : capacityMaxAge;
        baseMapUrl = baseMapUrl == null ? "" : baseMapUrl.trim();
        baseMapAttribution = baseMapAttribution == null ? "" : baseMapAttribution;
    }

    int minZoomOf(AssetType type) {
        return minZoom.getOrDefault(type, 0);
    }
}

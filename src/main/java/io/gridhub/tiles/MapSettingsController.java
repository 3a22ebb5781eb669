package io.gridhub.tiles;

import java.util.Map;

import io.gridhub.grid.AssetType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the web map needs to know before it draws: the base map, and from which zoom each asset type shows. */
@RestController
@Tag(name = "tiles")
class MapSettingsController {

    /**
     * @param baseMapUrl XYZ template of the base map, empty for a plain background
     * @param baseMapAttribution its attribution
     * @param minZoom lowest zoom at which each asset type is in the tiles
     * @param crs what the map's coordinates are: the store's CGCS2000, shown in Web Mercator
     */
    record MapSettings(String baseMapUrl, String baseMapAttribution, Map<AssetType, Integer> minZoom, String crs) {}

    private final TileProperties properties;

    MapSettingsController(TileProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/api/map/settings")
    @Operation(summary = "Base map and layer zooms of the web map")
    MapSettings settings() {
        return new MapSettings(properties.baseMapUrl(), properties.baseMapAttribution(), properties.minZoom(),
                "EPSG:4490 (CGCS2000, within centimetres of WGS84) shown in EPSG:3857");
    }
}

package io.gridhub.grid;

import java.util.List;

import io.gridhub.api.BoundingBox;
import io.gridhub.api.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** In-service assets with their ratings as an RFC 7946 FeatureCollection (lon/lat, EPSG:4490 ≈ WGS84). */
@RestController
@RequestMapping("/api/grid")
@Tag(name = "grid", description = "The grid store")
class GridAssetController {

    private final GridAssetRepository repository;
    private final int defaultLimit;
    private final int maxLimit;

    GridAssetController(GridAssetRepository repository,
                        @Value("${hub.grid-assets.default-limit}") int defaultLimit,
                        @Value("${hub.grid-assets.max-limit}") int maxLimit) {
        this.repository = repository;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    @GetMapping(value = "/assets", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "In-service assets as a GeoJSON FeatureCollection; type, bbox=minLon,minLat,maxLon,maxLat, limit")
    String assets(@RequestParam(required = false) String type,
                  @RequestParam(required = false) String bbox,
                  @RequestParam(required = false) String limit) {
        List<AssetType> types = type == null || type.isBlank() ? List.of(AssetType.values()) : List.of(parseType(type));
        double[] box = bbox == null || bbox.isBlank() ? null : BoundingBox.parse(bbox);
        int n = limit == null || limit.isBlank() ? defaultLimit : parseLimit(limit);
        List<String> features = repository.features(types, box, n);
        StringBuilder out = new StringBuilder(64 + features.stream().mapToInt(String::length).sum() + features.size());
        out.append("{\"type\":\"FeatureCollection\",\"numberReturned\":").append(features.size()).append(",\"features\":[");
        for (int i = 0; i < features.size(); i++) {
            out.append(i == 0 ? "" : ",").append(features.get(i));
        }
        return out.append("]}").toString();
    }

    private static AssetType parseType(String type) {
        try {
            return AssetType.parse(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("type", e.getMessage());
        }
    }

    private int parseLimit(String text) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("limit", "'" + text + "' is not a whole number");
        }
        if (n < 1 || n > maxLimit) {
            throw new InvalidFieldException("limit", n + " is outside 1–" + maxLimit);
        }
        return n;
    }

}

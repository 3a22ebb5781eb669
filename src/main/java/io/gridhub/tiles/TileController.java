package io.gridhub.tiles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt}: a Mapbox Vector Tile from the cache or rendered by
 * PostGIS; 204 when no asset of the layer is in the tile. {@code X-Tile-Cache} says which (HIT or
 * MISS), for the benchmark and the tests.
 */
@RestController
@Tag(name = "tiles", description = "Vector tiles of the grid and of open capacity for the web map")
class TileController {

    static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

    private final TileRepository repository;
    private final TileCache cache;

    TileController(TileRepository repository, TileCache cache) {
        this.repository = repository;
        this.cache = cache;
    }

    @GetMapping("/tiles/{layer}/{z}/{x}/{y}.mvt")
    @Operation(summary = "A vector tile (layers grid, capacity; Web Mercator XYZ)")
    ResponseEntity<byte[]> tile(@PathVariable String layer, @PathVariable int z, @PathVariable int x,
                                @PathVariable int y) {
        TileLayer l = TileLayer.parse(layer);
        TileCoordinate tile = new TileCoordinate(z, x, y);
        byte[] mvt = cache.get(l, tile);
        String source = "HIT";
        if (mvt == null) {
            mvt = repository.render(l, tile);
            cache.put(l, tile, mvt);
            source = "MISS";
        }
        // The browser revalidates each time: the hub's own cache is what a grid change invalidates.
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(mvt.length == 0 ? 204 : 200)
                .cacheControl(CacheControl.noCache()).header("X-Tile-Cache", source);
        return mvt.length == 0 ? answer.build() : answer.contentType(MVT).body(mvt);
    }
}

package io.gridhub.tiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.gridhub.capacity.CapacityProperties;
import io.gridhub.capacity.PeakWindow;
import io.gridhub.grid.AssetType;
import io.gridhub.grid.GridReads;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Renders one tile in PostGIS ({@code grid-tile.sql}, {@code capacity-tile.sql} beside this
 * class): the database cuts, simplifies, quantises and encodes; the hub only passes the bytes on.
 */
@Repository
class TileRepository {

    /** The read replica when it is current, else the primary. */
    private final GridReads reads;
    private final TileProperties tiles;
    private final CapacityProperties capacity;
    private final PeakWindow window;
    private final Map<TileLayer, String> sql = new EnumMap<>(TileLayer.class);

    TileRepository(GridReads reads, TileProperties tiles, CapacityProperties capacity,
                   PeakWindow window) {
        this.reads = reads;
        this.tiles = tiles;
        this.capacity = capacity;
        this.window = window;
        for (TileLayer layer : TileLayer.values()) {
            sql.put(layer, read(layer.sqlResource()));
        }
    }

    /** The encoded tile; empty when no asset of the layer is in it. */
    byte[] render(TileLayer layer, TileCoordinate tile) {
        byte[] mvt = reads.query(() -> reads.named().queryForObject(sql.get(layer), parameters(layer, tile), byte[].class));
        return mvt == null ? new byte[0] : mvt;
    }

    /** The query a layer runs and its parameters, for EXPLAIN in tests and the benchmark. */
    String sql(TileLayer layer) {
        return sql.get(layer);
    }

    MapSqlParameterSource parameters(TileLayer layer, TileCoordinate tile) {
        double[] box = tile.lonLatBounds((double) tiles.buffer() / tiles.extent());
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("z", tile.z()).addValue("x", tile.x()).addValue("y", tile.y())
                .addValue("min_lon", box[0]).addValue("min_lat", box[1])
                .addValue("max_lon", box[2]).addValue("max_lat", box[3])
                .addValue("extent", tiles.extent()).addValue("buffer", tiles.buffer())
                .addValue("tolerance", tile.widthDegrees() / 256 * tiles.simplifyPixels());
        for (AssetType type : AssetType.values()) {
            p.addValue("min_zoom_" + type.name().toLowerCase(Locale.ROOT), tiles.minZoomOf(type));
        }
        if (layer == TileLayer.CAPACITY) {
            PeakWindow.Range w = window.current();
            p.addValue("allowed_loading", capacity.allowedLoading())
                    .addValue("power_factor", capacity.defaultPowerFactor())
                    .addValue("simultaneity", capacity.simultaneityFactor())
                    .addValue("window_from", Date.valueOf(w.from())).addValue("window_to", Date.valueOf(w.to()))
                    .addValue("feeder_ties", array(capacity.feederN1Caps().keySet()))
                    .addValue("feeder_caps", array(capacity.feederN1Caps().values()))
                    .addValue("mt_counts", array(capacity.mainTransformerN1Caps().keySet()))
                    .addValue("mt_caps", array(capacity.mainTransformerN1Caps().values()));
        }
        return p;
    }

    /** A PostgreSQL array literal; the caps maps are sorted (TreeMap), so keys and values line up. */
    private static String array(java.util.Collection<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    private static String read(String resource) {
        try {
            return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("tile query " + resource + " missing", e);
        }
    }
}

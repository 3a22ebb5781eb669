package io.gridhub.tiles;

import java.util.Locale;

import io.gridhub.api.InvalidFieldException;

/** The vector-tile layers the hub serves; the name is the path segment and the MVT layer name. */
public enum TileLayer {
    /** 电网设备: every in-service asset with its type and rating. */
    GRID("io/gridhub/tiles/grid-tile.sql"),
    /** 可开放容量: transformers, feeders and main transformers with open capacity and loading. */
    CAPACITY("io/gridhub/tiles/capacity-tile.sql");

    private final String sqlResource;

    TileLayer(String sqlResource) {
        this.sqlResource = sqlResource;
    }

    String sqlResource() {
        return sqlResource;
    }

    /** The name in URLs and inside the tile ({@code grid}, {@code capacity}). */
    public String layerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TileLayer parse(String name) {
        for (TileLayer l : values()) {
            if (l.layerName().equals(name)) {
                return l;
            }
        }
        throw new InvalidFieldException("layer", "unknown tile layer '" + name + "'; expected grid or capacity");
    }
}

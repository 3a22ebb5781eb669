package io.gridhub.feeds.mapping;

import java.util.List;

import io.gridhub.grid.AssetField;
import io.gridhub.grid.AssetType;
import org.locationtech.jts.geom.Geometry;

/**
 * An asset record mapped onto the grid store's fields, ready for validation and staging.
 *
 * @param type asset type
 * @param sourceId the source system's id (设备编码)
 * @param name display name, or null
 * @param geometry geometry in EPSG:4490 (SRID set), or null
 * @param values values of {@link io.gridhub.grid.AssetSchema#fields(AssetType)} in that order: text as
 *               String, numbers as BigDecimal, integers as Long, arrays as List of String, or null
 * @param attributesJson the source attributes the mapping did not use, as a JSON object
 */
public record MappedAsset(AssetType type, String sourceId, String name, Geometry geometry, Object[] values,
                          String attributesJson) {

    /** The value of a hub field by column name, or null. */
    public Object value(List<AssetField> fields, String column) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(column)) {
                return values[i];
            }
        }
        return null;
    }
}

package io.gridhub.grid;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * In-service assets as GeoJSON features, built by PostGIS ({@code ST_AsGeoJSON}) so that
 * coordinates are not re-encoded in Java. A bounding box is served by the GiST index on geom
 * ({@code &&}); assets without geometry are never in a bbox answer.
 */
@Repository
public class GridAssetRepository {

    private final JdbcTemplate jdbc;

    public GridAssetRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Features (as JSON text) of the given types, in type then id order, at most {@code limit}.
     *
     * @param bbox minLon, minLat, maxLon, maxLat in EPSG:4490, or null for all
     */
    public List<String> features(List<AssetType> types, double[] bbox, int limit) {
        List<String> features = new ArrayList<>();
        for (AssetType type : types) {
            int left = limit - features.size();
            if (left <= 0) {
                break;
            }
            features.addAll(query(type, bbox, left));
        }
        return features;
    }

    private List<String> query(AssetType type, double[] bbox, int limit) {
        StringBuilder props = new StringBuilder("'asset_type', '").append(type.name())
                .append("', 'feed_id', feed_id, 'source_id', source_id, 'name', name");
        for (AssetField f : AssetSchema.fields(type)) {
            props.append(", '").append(f.name()).append("', ").append(f.name());
        }
        props.append(", 'updated_at', updated_at");
        // Table and column names come from AssetType / AssetSchema, never from the request.
        String sql = "SELECT json_build_object('type', 'Feature', 'id', '" + type.table() + "/' || id,"
                + " 'geometry', ST_AsGeoJSON(geom, 7)::json, 'properties', json_build_object(" + props + "))::text"
                + " FROM " + type.qualifiedTable() + " WHERE lifecycle = 'IN_SERVICE'"
                + (bbox == null ? "" : " AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4490)")
                + " ORDER BY id LIMIT ?";
        Object[] args = bbox == null ? new Object[] {limit}
                : new Object[] {bbox[0], bbox[1], bbox[2], bbox[3], limit};
        return jdbc.queryForList(sql, String.class, args);
    }
}

package io.gridhub.grid;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Counts what the grid store holds. */
@Repository
public class GridSummaryRepository {

    private final JdbcTemplate jdbc;

    public GridSummaryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public GridSummary summary() {
        Map<AssetType, Long> inService = new EnumMap<>(AssetType.class);
        Map<AssetType, Long> retired = new EnumMap<>(AssetType.class);
        StringBuilder sql = new StringBuilder();
        for (AssetType type : AssetType.values()) {
            if (!sql.isEmpty()) {
                sql.append(" UNION ALL ");
            }
            // Table names come from the enum, never from input.
            sql.append("SELECT '").append(type.name()).append("' AS type, lifecycle, count(*) AS n FROM ")
                    .append(type.qualifiedTable()).append(" GROUP BY lifecycle");
        }
        jdbc.query(sql.toString(), rs -> {
            AssetType type = AssetType.valueOf(rs.getString("type"));
            switch (rs.getString("lifecycle")) {
                case "IN_SERVICE" -> inService.put(type, rs.getLong("n"));
                case "RETIRED" -> retired.put(type, rs.getLong("n"));
                default -> { } // a cross-feed DUPLICATE: the asset is counted once, by its row in service
            }
        });
        for (AssetType type : AssetType.values()) {
            inService.putIfAbsent(type, 0L);
            retired.putIfAbsent(type, 0L);
        }
        Long loads = jdbc.queryForObject("SELECT count(*) FROM grid.measured_peak_load", Long.class);
        double[] extent = jdbc.query("""
                SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
                FROM (SELECT ST_Extent(geom)::geometry AS e FROM grid.substation WHERE lifecycle = 'IN_SERVICE') x
                WHERE e IS NOT NULL
                """, rs -> rs.next()
                ? new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}
                : null);
        return new GridSummary(inService, retired, loads == null ? 0 : loads, extent);
    }
}

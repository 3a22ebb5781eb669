package io.gridhub.plans;

import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The grid around a site, for the map extract of the printed reply: lines and equipment in a box. */
@Repository
class SiteMapRepository {

    /**
     * One thing to draw (EPSG:4490).
     *
     * @param kind FEEDER, POLE, TRANSFORMER, RING_MAIN_UNIT or SUBSTATION
     * @param id source id
     * @param geometry its geometry
     */
    record Feature(String kind, String id, Geometry geometry) {}

    private static final String IN_BOX = """
            SELECT 'FEEDER' AS kind, source_id, ST_AsText(geom) FROM grid.feeder
             WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND lifecycle = 'IN_SERVICE'
            UNION ALL
            SELECT 'FEEDER', feeder_ref, ST_AsText(geom) FROM grid.feeder_section
             WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND lifecycle = 'IN_SERVICE'
            UNION ALL
            SELECT 'SUBSTATION', source_id, ST_AsText(ST_PointOnSurface(geom)) FROM grid.substation
             WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND lifecycle = 'IN_SERVICE'
            UNION ALL
            SELECT 'TRANSFORMER', source_id, ST_AsText(geom) FROM grid.distribution_transformer
             WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND lifecycle = 'IN_SERVICE'
            UNION ALL
            SELECT 'RING_MAIN_UNIT', source_id, ST_AsText(geom) FROM grid.ring_main_unit
             WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND lifecycle = 'IN_SERVICE'
            UNION ALL
            SELECT 'POLE', source_id, ST_AsText(geom) FROM grid.pole
             WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND lifecycle = 'IN_SERVICE'
            LIMIT 20000
            """;

    private final JdbcTemplate jdbc;

    SiteMapRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Feature> inBox(double minLon, double minLat, double maxLon, double maxLat) {
        Object[] args = new Object[24];
        for (int i = 0; i < 6; i++) {
            args[i * 4] = minLon;
            args[i * 4 + 1] = minLat;
            args[i * 4 + 2] = maxLon;
            args[i * 4 + 3] = maxLat;
        }
        WKTReader wkt = new WKTReader();
        return jdbc.query(IN_BOX, (rs, n) -> {
            try {
                return new Feature(rs.getString(1), rs.getString(2), wkt.read(rs.getString(3)));
            } catch (ParseException e) {
                throw new IllegalStateException("unreadable geometry of " + rs.getString(2), e);
            }
        }, args);
    }
}

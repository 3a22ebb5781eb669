package io.gridhub.siting;

import java.util.List;
import java.util.Locale;

import io.gridhub.grid.GridChanged;
import io.gridhub.grid.GridReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Route length along roads where a road network is loaded ({@code siting.road_edge}) and
 * pgRouting is installed: site → nearest road vertex, shortest path (pgr_dijkstra, edges within a
 * margin of both ends), nearest vertex → tie-in. Otherwise, or when the two ends are not
 * connected by road, the straight-line estimate, and the answer says which one it used.
 */
final class RoadNetworkRouteEstimator implements RouteEstimator {

    static final String METHOD = "ROAD_NETWORK";
    private static final Logger log = LoggerFactory.getLogger(RoadNetworkRouteEstimator.class);
    /** Edges considered around the two ends (degrees, ~2 km): a detour beyond that is not a connection route. */
    private static final double MARGIN_DEG = 0.02;

    private static final String ROUTE = """
            WITH a AS (
                SELECT id, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography) AS d
                FROM siting.road_vertex
                ORDER BY geom::geography <-> ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography LIMIT 1
            ), b AS (
                SELECT id, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography) AS d
                FROM siting.road_vertex
                ORDER BY geom::geography <-> ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography LIMIT 1
            )
            SELECT a.d + b.d + CASE WHEN a.id = b.id THEN 0 ELSE
                   (SELECT max(r.agg_cost) FROM pgr_dijkstra(?, a.id, b.id, directed => false) r) END AS length_m
            FROM a, b
            """;

    /** Routes: on the replica inside a siting answer routed there. */
    private final GridReads reads;
    /** Whether a road network is loaded: asked of the primary after feed runs, never of a replica that may lag. */
    private final JdbcTemplate jdbc;
    private final RouteEstimator fallback;
    private volatile Boolean available;

    RoadNetworkRouteEstimator(GridReads reads, JdbcTemplate jdbc, RouteEstimator fallback) {
        this.reads = reads;
        this.jdbc = jdbc;
        this.fallback = fallback;
    }

    @Override
    public RouteEstimate estimate(double siteLon, double siteLat, double toLon, double toLat, double straightM) {
        if (!available()) {
            return fallback.estimate(siteLon, siteLat, toLon, toLat, straightM);
        }
        String edges = String.format(Locale.ROOT,
                "SELECT id, source, target, length_m AS cost, length_m AS reverse_cost FROM siting.road_edge"
                        + " WHERE geom && ST_MakeEnvelope(%.7f, %.7f, %.7f, %.7f, 4490)",
                Math.min(siteLon, toLon) - MARGIN_DEG, Math.min(siteLat, toLat) - MARGIN_DEG,
                Math.max(siteLon, toLon) + MARGIN_DEG, Math.max(siteLat, toLat) + MARGIN_DEG);
        List<Double> length = reads.jdbc().query(ROUTE, (rs, n) -> {
            double v = rs.getDouble(1);
            return rs.wasNull() ? null : v;
        }, siteLon, siteLat, siteLon, siteLat, toLon, toLat, toLon, toLat, edges);
        if (length.isEmpty() || length.get(0) == null) {
            RouteEstimate est = fallback.estimate(siteLon, siteLat, toLon, toLat, straightM);
            return new RouteEstimate(est.lengthM(), est.method() + " (no road path between site and tie-in)");
        }
        return new RouteEstimate(length.get(0), METHOD);
    }

    boolean available() {
        Boolean a = available;
        return a != null ? a : refresh();
    }

    /** Re-checks whether pgRouting is installed and the road network holds edges. */
    synchronized boolean refresh() {
        boolean a;
        try {
            a = Boolean.TRUE.equals(jdbc.queryForObject("""
                    SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'pgr_dijkstra')
                           AND to_regclass('siting.road_edge') IS NOT NULL
                           AND EXISTS (SELECT 1 FROM siting.road_edge)
                    """, Boolean.class));
        } catch (DataAccessException e) {
            log.warn("cannot tell whether a road network is loaded: {}", e.getMessage());
            a = false;
        }
        available = a;
        return a;
    }

    @EventListener
    void onGridChanged(GridChanged event) {
        refresh();
    }
}

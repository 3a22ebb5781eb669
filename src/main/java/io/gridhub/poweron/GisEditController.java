package io.gridhub.poweron;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gridhub.api.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pending GIS edits: new service points from power-on that the GIS has not drawn yet, as an
 * RFC 7946 FeatureCollection the GIS team opens (QGIS reads it from the URL), and their confirmation.
 */
@RestController
@RequestMapping("/api/gis-edits")
class GisEditController {

    private final JdbcTemplate jdbc;

    GisEditController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A GeoJSON Feature of a pending edit. */
    record Feature(String type, UUID id, Point geometry, PendingGisEdit properties) {}

    /** A GeoJSON Point (EPSG:4490, which RFC 7946 readers take as WGS 84: within centimetres). */
    record Point(String type, double[] coordinates) {}

    /** A GeoJSON FeatureCollection. */
    record FeatureCollection(String type, List<Feature> features) {}

    @GetMapping(value = "/pending", produces = {"application/geo+json", "application/json"})
    @Operation(summary = "Service points connected but not yet confirmed by the GIS, as GeoJSON")
    FeatureCollection pending() {
        List<Feature> features = jdbc.query("""
                SELECT id, case_no, customer_no, name, usage_category, contracted_kva, service_unit, transformer_ref,
                       feeder_ref, ST_X(geom), ST_Y(geom), connected_at, message_id
                FROM register.pending_gis_edit WHERE confirmed_at IS NULL ORDER BY connected_at, case_no
                """, (rs, n) -> {
            PendingGisEdit e = new PendingGisEdit(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getString(7), rs.getString(8), rs.getString(9),
                    rs.getDouble(10), rs.getDouble(11), rs.getObject(12, java.time.OffsetDateTime.class), rs.getString(13));
            return new Feature("Feature", e.id(), new Point("Point", new double[] {e.lon(), e.lat()}), e);
        });
        return new FeatureCollection("FeatureCollection", features);
    }

    @PostMapping("/{editId}/confirm")
    @PreAuthorize("hasAnyRole('GIS_ANALYST','ADMIN')")
    @Operation(summary = "The GIS has drawn the service point: it leaves the pending edits")
    ResponseEntity<?> confirm(@PathVariable String editId, Principal user) {
        UUID id;
        try {
            id = UUID.fromString(editId);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("editId", "'" + editId + "' is not an id (UUID)");
        }
        int n = jdbc.update("UPDATE register.pending_gis_edit SET confirmed_at = coalesce(confirmed_at, now()),"
                + " confirmed_by = coalesce(confirmed_by, ?) WHERE id = ?", user.getName(), id);
        if (n == 0) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no GIS edit " + editId));
        }
        return ResponseEntity.ok(Map.of("id", id.toString(), "confirmed", true));
    }
}

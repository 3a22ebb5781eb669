package io.gridhub.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Merges a run's staged customers into {@code register.customer}, set-based, inside the run's
 * transaction: a customer whose content is unchanged is not rewritten; a full snapshot retires the
 * feed's in-service customers it no longer carries, except those whose record was quarantined
 * this time, and only past the retire guard.
 */
final class CustomerMerge {

    /** What a merge did. */
    record Result(long inserted, long updated, long unchanged, long retired) {}

    /** The retire guard refused the snapshot: nothing is applied. */
    static final class RetireGuardException extends RuntimeException {
        RetireGuardException(String message) {
            super(message);
        }
    }

    private static final String UPSERT = """
            WITH s AS (
                SELECT DISTINCT ON (customer_no) *,
                       hashtextextended(concat_ws('|', name, meter_no, address, usage_category, contracted_kva::text,
                           status, service_unit, transformer_area, transformer_ref, feeder_ref, lon::text, lat::text), 0) AS h
                FROM register_stage
                ORDER BY customer_no
            ), up AS (
                INSERT INTO register.customer AS c (customer_no, feed_id, name, meter_no, address, usage_category,
                    contracted_kva, status, service_unit, transformer_area, transformer_ref, feeder_ref, geom, content_hash)
                SELECT customer_no, ?, name, meter_no, address, usage_category, contracted_kva, status, service_unit,
                       transformer_area, transformer_ref, feeder_ref,
                       CASE WHEN lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4490) END, h
                FROM s
                ON CONFLICT (customer_no) DO UPDATE SET
                    feed_id = EXCLUDED.feed_id, name = EXCLUDED.name, meter_no = EXCLUDED.meter_no,
                    address = EXCLUDED.address, usage_category = EXCLUDED.usage_category,
                    contracted_kva = EXCLUDED.contracted_kva, status = EXCLUDED.status,
                    service_unit = EXCLUDED.service_unit, transformer_area = EXCLUDED.transformer_area,
                    transformer_ref = EXCLUDED.transformer_ref, feeder_ref = EXCLUDED.feeder_ref, geom = EXCLUDED.geom,
                    content_hash = EXCLUDED.content_hash, lifecycle = 'IN_SERVICE', retired_at = NULL, updated_at = now()
                WHERE c.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR c.lifecycle = 'RETIRED'
                   OR c.feed_id <> EXCLUDED.feed_id
                RETURNING (xmax = 0) AS inserted
            )
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up
            """;

    private static final String TO_RETIRE = """
            SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM register_stage s WHERE s.customer_no = c.customer_no)
                                      AND NOT EXISTS (SELECT 1 FROM register_refused r WHERE r.customer_no = c.customer_no)),
                   count(*)
            FROM register.customer c
            WHERE c.feed_id = ? AND c.lifecycle = 'IN_SERVICE'
            """;

    private static final String RETIRE = """
            UPDATE register.customer c SET lifecycle = 'RETIRED', retired_at = now(), updated_at = now()
            WHERE c.feed_id = ? AND c.lifecycle = 'IN_SERVICE'
              AND NOT EXISTS (SELECT 1 FROM register_stage s WHERE s.customer_no = c.customer_no)
              AND NOT EXISTS (SELECT 1 FROM register_refused r WHERE r.customer_no = c.customer_no)
            """;

    private CustomerMerge() {
    }

    static Result merge(Connection c, String feedId, CustomerStaging staging, boolean fullSnapshot, double maxRetireShare,
                        String forcedBy)
            throws SQLException {
        long retired = 0;
        if (fullSnapshot) {
            long[] counts = longs(c, TO_RETIRE, feedId);
            long toRetire = counts[0];
            long inService = counts[1];
            if (forcedBy == null && staging.staged() == 0 && inService > 0) {
                throw new RetireGuardException("retire guard: the snapshot holds no valid customer and would retire all "
                        + inService + " of the feed's customers; nothing applied");
            }
            if (forcedBy == null && inService > 0 && toRetire > maxRetireShare * inService) {
                throw new RetireGuardException(String.format(java.util.Locale.ROOT,
                        "retire guard: the snapshot would retire %d of the feed's %d in-service customers (more than"
                                + " the %.0f %% allowed); nothing applied. If they are really gone, a GIS analyst can force the run"
                                + " (POST /api/feeds/{feedId}/runs?force=true)", toRetire, inService,
                        maxRetireShare * 100));
            }
            if (toRetire > 0) {
                try (PreparedStatement ps = c.prepareStatement(RETIRE)) {
                    ps.setString(1, feedId);
                    retired = ps.executeUpdate();
                }
            }
        }
        long[] up = longs(c, UPSERT, feedId);
        return new Result(up[0], up[1], staging.staged() - up[0] - up[1], retired);
    }

    private static long[] longs(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}

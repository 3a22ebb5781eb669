package io.gridhub.poweron;

import io.gridhub.grid.GridChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Releases the capacity promises of connected customers once the load shows: a promise marked
 * connected keeps counting against open capacity until its asset has a measured peak for a month
 * that starts after the month of connection, which then includes the customer's load. So the
 * capacity is never counted twice (promise and peak) nor dropped (neither). Runs after each feed
 * run that changed measured loads, in one set-based statement.
 */
@Component
class CommitmentRelease {

    private static final Logger log = LoggerFactory.getLogger(CommitmentRelease.class);

    private final JdbcTemplate jdbc;
    private final PowerOnProperties properties;

    CommitmentRelease(JdbcTemplate jdbc, PowerOnProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @EventListener
    void gridChanged(GridChanged e) {
        if (e.loadsChanged()) {
            release();
        }
    }

    /** Releases every connected promise a later measured peak includes; returns how many. */
    int release() {
        int n = jdbc.update("""
                UPDATE capacity.commitment c SET status = 'CONNECTED', closed_at = now()
                WHERE c.status = 'ACCEPTED' AND c.connected_at IS NOT NULL
                  AND EXISTS (SELECT 1 FROM grid.measured_peak_load p
                              WHERE p.asset_type = c.asset_type AND p.asset_ref = c.asset_ref
                                AND p.period_start >= (date_trunc('month', c.connected_at AT TIME ZONE ?) + interval '1 month')::date)
                """, properties.zone());
        if (n > 0) {
            log.info("{} capacity promises of connected customers released: measured peaks include their load", n);
        }
        return n;
    }
}

package io.gridhub.capacity;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;

import io.gridhub.grid.GridChanged;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The months whose measured peaks count: the configured number of months ending at the latest
 * month the production MIS has delivered (not the calendar month: a late export must not make
 * every asset look unmeasured). Read once and again whenever a feed run changed the loads.
 */
@Component
public class PeakWindow {

    private final JdbcTemplate jdbc;
    private final int months;
    private volatile Range range;

    public PeakWindow(JdbcTemplate jdbc, CapacityProperties properties) {
        this.jdbc = jdbc;
        this.months = properties.peakWindowMonths();
    }

    /**
     * First and last month of the window, as the first days of those months.
     *
     * @param latest the latest month loaded, null when no load was ever loaded
     */
    public record Range(LocalDate from, LocalDate to, YearMonth latest) {}

    public Range current() {
        Range r = range;
        return r != null ? r : refresh();
    }

    /** First of the listeners: the caches that read through the window start afresh after it moved. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onGridChanged(GridChanged event) {
        if (event.loadsChanged()) {
            refresh();
        }
    }

    /** Re-reads the latest loaded month (an index-only read of measured_peak_load_period_idx). */
    public synchronized Range refresh() {
        Date latest = jdbc.queryForObject("SELECT max(period_start) FROM grid.measured_peak_load", Date.class);
        Range r;
        if (latest == null) {
            // Nothing measured yet: an empty window, so every load reads as missing.
            r = new Range(LocalDate.of(1, 1, 1), LocalDate.of(1, 1, 1).minusDays(1), null);
        } else {
            YearMonth last = YearMonth.from(latest.toLocalDate());
            r = new Range(last.minusMonths(months - 1L).atDay(1), last.atDay(1), last);
        }
        range = r;
        return r;
    }
}

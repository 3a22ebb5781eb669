package io.gridhub.feeds;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.gridhub.api.SchedulerInstance;
import io.gridhub.feeds.sync.MergeResult;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The run record (feeds.feed_run) and quarantine (feeds.quarantine). */
@Repository
public class FeedRunRepository {

    private static final String COLUMNS = "id, feed_id, trigger, source, started_at, finished_at, status, phase, read,"
            + " inserted, updated, unchanged, retired, quarantined, flagged, error, extent, forced_by, cross_feed_duplicates";

    private final JdbcTemplate jdbc;
    private final SchedulerInstance instance;

    public FeedRunRepository(JdbcTemplate jdbc, SchedulerInstance instance) {
        this.jdbc = jdbc;
        this.instance = instance;
    }

    public UUID create(String feedId, RunTrigger trigger, String source) {
        return create(feedId, trigger, source, null);
    }

    /**
     * Records a run about to start on this hub instance.
     *
     * @param scheduledFor the Quartz firing's scheduled fire time (SCHEDULE runs), or null
     */
    public UUID create(String feedId, RunTrigger trigger, String source, Instant scheduledFor) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO feeds.feed_run (id, feed_id, trigger, source, status, phase, hub_instance, scheduled_for)"
                + " VALUES (?, ?, ?, ?, 'RUNNING', 'queued', ?, ?)", id, feedId, trigger.name(), source, instance.id(),
                scheduledFor == null ? null : Timestamp.from(scheduledFor));
        return id;
    }

    /** Progress while the run reads (autocommit: visible at once). */
    public void progress(UUID id, String phase, long read, long quarantined) {
        jdbc.update("UPDATE feeds.feed_run SET phase = ?, read = ?, quarantined = ? WHERE id = ? AND status = 'RUNNING'",
                phase, read, quarantined, id);
    }

    /** Records success inside the merge transaction, so counts and data commit together. */
    public void succeeded(Connection c, UUID id, long read, long quarantinedWhileReading, MergeResult r, String forcedBy)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE feeds.feed_run SET status = 'SUCCEEDED', phase = 'done', finished_at = clock_timestamp(),
                    read = ?, inserted = ?, updated = ?, unchanged = ?, retired = ?, quarantined = ?, flagged = ?,
                    extent = ?, forced_by = ?, cross_feed_duplicates = ?
                WHERE id = ?
                """)) {
            ps.setLong(1, read);
            ps.setLong(2, r.inserted());
            ps.setLong(3, r.updated());
            ps.setLong(4, r.unchanged());
            ps.setLong(5, r.retired());
            ps.setLong(6, quarantinedWhileReading + r.quarantined());
            ps.setLong(7, r.flagged());
            double[] e = r.extent();
            Array extent = e == null ? null : c.createArrayOf("float8", new Double[] {e[0], e[1], e[2], e[3]});
            ps.setArray(8, extent);
            ps.setString(9, forcedBy);
            ps.setLong(10, r.crossFeedDuplicates());
            ps.setObject(11, id);
            ps.executeUpdate();
        }
    }

    public void failed(UUID id, String error, long read, long quarantined) {
        jdbc.update("UPDATE feeds.feed_run SET status = 'FAILED', phase = 'failed', finished_at = clock_timestamp(),"
                + " error = ?, read = ?, quarantined = ?, inserted = 0, updated = 0, unchanged = 0, retired = 0"
                + " WHERE id = ?", error, read, quarantined, id);
    }

    /**
     * Runs of a feed still RUNNING when this instance holds the feed's lock belonged to a hub that
     * stopped mid-run: their merge never committed, so they failed.
     */
    public int failInterrupted(String feedId, UUID except) {
        return jdbc.update("UPDATE feeds.feed_run SET status = 'FAILED', phase = 'failed', finished_at = clock_timestamp(),"
                + " error = 'interrupted: the hub stopped during the run; nothing of it was applied'"
                + " WHERE feed_id = ? AND status = 'RUNNING' AND id <> ?"
                // a run still queued in this or another instance has not taken the lock yet: not interrupted
                + " AND (phase <> 'queued' OR started_at < now() - interval '1 hour')", feedId, except);
    }

    public boolean running(String feedId) {
        Boolean b = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM feeds.feed_run WHERE feed_id = ? AND status = 'RUNNING')",
                Boolean.class, feedId);
        return Boolean.TRUE.equals(b);
    }

    public void quarantine(UUID runId, String feedId, String assetType, String sourceId, String reason, String raw) {
        jdbc.update("INSERT INTO feeds.quarantine (run_id, feed_id, asset_type, source_id, disposition, reason, raw)"
                + " VALUES (?, ?, ?, ?, 'QUARANTINED', ?, ?)", runId, feedId, assetType, sourceId, reason, raw);
    }

    public void quarantineBatch(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO feeds.quarantine (run_id, feed_id, asset_type, source_id, disposition, reason, raw)"
                    + " VALUES (?, ?, ?, ?, 'QUARANTINED', ?, ?)", rows);
        }
    }

    public Optional<FeedRun> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM feeds.feed_run WHERE id = ?", MAPPER, id).stream().findFirst();
    }

    /** The latest run of each feed. */
    public Map<String, FeedRun> lastRuns() {
        Map<String, FeedRun> last = new java.util.HashMap<>();
        jdbc.query("SELECT DISTINCT ON (feed_id) " + COLUMNS + " FROM feeds.feed_run ORDER BY feed_id, started_at DESC",
                MAPPER).forEach(r -> last.put(r.feedId(), r));
        return last;
    }

    public List<QuarantinedRecord> quarantined(UUID runId, int limit, long offset) {
        return jdbc.query("SELECT asset_type, source_id, disposition, reason, raw FROM feeds.quarantine"
                        + " WHERE run_id = ? ORDER BY id LIMIT ? OFFSET ?",
                (rs, n) -> new QuarantinedRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), runId, limit, offset);
    }

    private static final RowMapper<FeedRun> MAPPER = (ResultSet rs, int n) -> {
        Timestamp finished = rs.getTimestamp("finished_at");
        Array extent = rs.getArray("extent");
        double[] e = null;
        if (extent != null) {
            Double[] d = (Double[]) extent.getArray();
            e = new double[] {d[0], d[1], d[2], d[3]};
        }
        return new FeedRun(rs.getObject("id", UUID.class), rs.getString("feed_id"),
                RunTrigger.valueOf(rs.getString("trigger")), rs.getString("source"),
                rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                rs.getString("status"), rs.getString("phase"), rs.getLong("read"), rs.getLong("inserted"),
                rs.getLong("updated"), rs.getLong("unchanged"), rs.getLong("retired"), rs.getLong("quarantined"),
                rs.getLong("flagged"), rs.getString("error"), e, rs.getString("forced_by"), rs.getLong("cross_feed_duplicates"));
    };

    /** The stored watermark of a feed, or null. */
    public String watermark(String feedId) {
        return jdbc.query("SELECT watermark FROM feeds.feed_state WHERE feed_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, feedId);
    }

    /** Stores the watermark inside the merge transaction. */
    public static void storeWatermark(Connection c, String feedId, String watermark) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO feeds.feed_state (feed_id, watermark) VALUES (?, ?)
                ON CONFLICT (feed_id) DO UPDATE SET watermark = EXCLUDED.watermark, updated_at = now()
                """)) {
            ps.setString(1, feedId);
            ps.setString(2, watermark);
            ps.executeUpdate();
        }
    }
}

package io.gridhub.reconciliation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Runs and findings in schema {@code reconciliation}; the comparison itself is {@code reconcile.sql}
 * beside this class, one statement per step, executed in order in the caller's transaction.
 */
@Repository
class ReconciliationRepository {

    /** A step of reconcile.sql. */
    record Step(String name, String sql) {}

    static final List<Step> STEPS = load();

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    ReconciliationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    UUID create(String trigger) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO reconciliation.run (id, trigger, status) VALUES (?, ?, 'RUNNING')", id, trigger);
        return id;
    }

    /** Whether this transaction got the reconciliation lock (one run at a time across instances). */
    boolean tryLock() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT pg_try_advisory_xact_lock(hashtextextended('gridhub.reconciliation', 0))", Boolean.class));
    }

    /** Runs every step of reconcile.sql for the run, in the caller's transaction. */
    void reconcile(UUID runId, ReconciliationProperties p, Consumer<String> progress) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("run_id", runId)
                .addValue("radius_m", p.lowVoltageRadiusM())
                .addValue("far_factor", p.farFactor())
                .addValue("diversity_factor", p.diversityFactor())
                .addValue("default_power_factor", p.defaultPowerFactor())
                .addValue("peak_window_months", p.peakWindowMonths());
        for (Step step : STEPS) {
            progress.accept(step.name());
            named.update(step.sql(), params);
        }
    }

    /** Writes the run's counts (inside the run's transaction). */
    void succeeded(UUID runId) {
        jdbc.update("""
                WITH found AS (
                    SELECT kind, count(*) AS found, count(*) FILTER (WHERE is_new) AS new_findings
                    FROM reconciliation.run_finding WHERE run_id = ? GROUP BY kind
                ), fixed AS (
                    SELECT kind, count(*) AS fixed FROM reconciliation.finding WHERE fixed_run = ? GROUP BY kind
                ), kinds AS (
                    SELECT coalesce(f.kind, x.kind) AS kind, coalesce(f.found, 0) AS found,
                           coalesce(f.new_findings, 0) AS new_findings, coalesce(x.fixed, 0) AS fixed
                    FROM found f FULL JOIN fixed x ON x.kind = f.kind
                )
                UPDATE reconciliation.run r SET status = 'SUCCEEDED', finished_at = clock_timestamp(),
                    customers = (SELECT count(*) FROM register.customer WHERE lifecycle = 'IN_SERVICE' AND status <> 'CLOSED'),
                    transformers = (SELECT count(*) FROM rec_tx WHERE lifecycle = 'IN_SERVICE'),
                    counts = coalesce((SELECT jsonb_object_agg(kind, jsonb_build_object('found', found, 'new', new_findings,
                        'fixed', fixed)) FROM kinds), '{}'::jsonb),
                    found = coalesce((SELECT sum(found) FROM kinds), 0),
                    new_findings = coalesce((SELECT sum(new_findings) FROM kinds), 0),
                    fixed = coalesce((SELECT sum(fixed) FROM kinds), 0)
                WHERE r.id = ?
                """, runId, runId, runId);
    }

    void failed(UUID runId, String error) {
        jdbc.update("UPDATE reconciliation.run SET status = 'FAILED', finished_at = clock_timestamp(), error = ? WHERE id = ?",
                error, runId);
    }

    Optional<ReconciliationRun> find(UUID runId, int trendRuns) {
        return jdbc.query("SELECT * FROM reconciliation.run WHERE id = ?", run(trendRuns), runId).stream().findFirst();
    }

    /** The latest runs, newest first, with their counts by kind but no trend (one query for all). */
    List<ReconciliationRun> latest(int limit) {
        return jdbc.query("SELECT * FROM reconciliation.run ORDER BY started_at DESC, id LIMIT ?", run(0), limit);
    }

    private RowMapper<ReconciliationRun> run(int trendRuns) {
        return (rs, n) -> {
            Map<FindingKind, ReconciliationRun.KindCounts> byKind = new EnumMap<>(FindingKind.class);
            for (FindingKind k : FindingKind.values()) {
                byKind.put(k, new ReconciliationRun.KindCounts(0, 0, 0));
            }
            try {
                var counts = JSON.readTree(rs.getString("counts"));
                counts.fields().forEachRemaining(e -> byKind.put(FindingKind.valueOf(e.getKey()),
                        new ReconciliationRun.KindCounts(e.getValue().path("found").asLong(),
                                e.getValue().path("new").asLong(), e.getValue().path("fixed").asLong())));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            Timestamp finished = rs.getTimestamp("finished_at");
            return new ReconciliationRun(rs.getObject("id", UUID.class), rs.getString("trigger"), rs.getString("status"),
                    rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                    rs.getString("error"), (Long) rs.getObject("customers"), (Long) rs.getObject("transformers"),
                    rs.getLong("found"), rs.getLong("new_findings"), rs.getLong("fixed"), byKind,
                    trend(rs.getTimestamp("started_at"), trendRuns));
        };
    }

    private List<ReconciliationRun.TrendPoint> trend(Timestamp upTo, int runs) {
        if (runs <= 0) {
            return List.of();
        }
        List<ReconciliationRun.TrendPoint> points = new ArrayList<>(jdbc.query("""
                SELECT id, started_at, found, new_findings, fixed FROM reconciliation.run
                WHERE status = 'SUCCEEDED' AND started_at <= ? ORDER BY started_at DESC LIMIT ?
                """, (rs, n) -> new ReconciliationRun.TrendPoint(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                rs.getLong(3), rs.getLong(4), rs.getLong(5)), upTo, runs));
        java.util.Collections.reverse(points);
        return points;
    }

    private static final String FINDINGS = """
            SELECT f.finding_id, f.kind, f.severity, x.status, f.is_new, f.service_unit, f.transformer_area, f.feeder_ref,
                   f.subject, x.first_seen_at, f.evidence::text AS evidence
            FROM reconciliation.run_finding f
            JOIN reconciliation.finding x ON x.id = f.finding_id
            WHERE f.run_id = :run_id
              AND (CAST(:kind AS text) IS NULL OR f.kind = :kind)
              AND (CAST(:unit AS text) IS NULL OR f.service_unit = :unit)
            ORDER BY f.kind, f.subject
            """;

    private static final RowMapper<Finding> FINDING = (rs, n) -> new Finding(rs.getObject(1, UUID.class),
            FindingKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6),
            rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getString(11));

    List<Finding> findings(UUID runId, FindingKind kind, String unit, int limit, long offset) {
        return named.query(FINDINGS + " LIMIT :limit OFFSET :offset", filter(runId, kind, unit)
                .addValue("limit", limit).addValue("offset", offset), FINDING);
    }

    long count(UUID runId, FindingKind kind, String unit) {
        Long n = named.queryForObject("""
                SELECT count(*) FROM reconciliation.run_finding f WHERE f.run_id = :run_id
                  AND (CAST(:kind AS text) IS NULL OR f.kind = :kind)
                  AND (CAST(:unit AS text) IS NULL OR f.service_unit = :unit)
                """, filter(runId, kind, unit), Long.class);
        return n == null ? 0 : n;
    }

    /** Every finding of a run (filtered), streamed row by row to the consumer: never a whole report in memory. */
    void stream(UUID runId, FindingKind kind, String unit, Consumer<Finding> each) {
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(2000);
        // a fetch size streams only inside a transaction: the caller runs this in a read-only one
        new NamedParameterJdbcTemplate(streaming).query(FINDINGS, filter(runId, kind, unit),
                rs -> {
                    each.accept(FINDING.mapRow(rs, 0));
                });
    }

    /** OPEN → ACKNOWLEDGED; returns the status after, or empty for an unknown finding. */
    Optional<String> acknowledge(UUID findingId, String user) {
        jdbc.update("""
                UPDATE reconciliation.finding SET status = 'ACKNOWLEDGED', acknowledged_at = now(), acknowledged_by = ?
                WHERE id = ? AND status = 'OPEN'
                """, user, findingId);
        return jdbc.query("SELECT status FROM reconciliation.finding WHERE id = ?", (rs, n) -> rs.getString(1), findingId)
                .stream().findFirst();
    }

    private static MapSqlParameterSource filter(UUID runId, FindingKind kind, String unit) {
        return new MapSqlParameterSource().addValue("run_id", runId)
                .addValue("kind", kind == null ? null : kind.name(), java.sql.Types.VARCHAR)
                .addValue("unit", unit, java.sql.Types.VARCHAR);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static List<Step> load() {
        try (InputStream in = ReconciliationRepository.class.getResourceAsStream("reconcile.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Step> steps = new ArrayList<>();
            String[] parts = text.split("(?m)^-- step: ");
            for (int i = 1; i < parts.length; i++) {
                int eol = parts[i].indexOf('\n');
                steps.add(new Step(parts[i].substring(0, eol).trim(), parts[i].substring(eol + 1).trim()));
            }
            return List.copyOf(steps);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read reconcile.sql", e);
        }
    }
}

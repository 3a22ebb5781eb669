package io.gridhub.plans;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Plans and their versions in {@code plans.supply_plan} and {@code plans.plan_version}. */
@Repository
class PlanRepository {

    /** A plan row without its version history. */
    record Row(String planId, String caseNo, PlanStatus status, int version, PlanContent content,
               OffsetDateTime createdAt, String createdBy, OffsetDateTime confirmedAt, String confirmedBy) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PlanRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The next plan id of a case: {caseNo}-P1, -P2… (the case row is locked by the caller). */
    String nextId(String caseNo) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM plans.supply_plan WHERE case_no = ?", Integer.class, caseNo);
        return caseNo + "-P" + ((n == null ? 0 : n) + 1);
    }

    void insert(String planId, String caseNo, PlanContent content, String by) {
        jdbc.update("""
                INSERT INTO plans.supply_plan (plan_id, case_no, status, version, content, valid_until, created_by)
                VALUES (?, ?, 'DRAFT', 1, ?::jsonb, ?, ?)
                """, planId, caseNo, write(content), Date.valueOf(content.validUntil()), by);
        addVersion(planId, 1, content, by, "DRAFTED", List.of());
    }

    void update(String planId, int version, PlanContent content, String by, String action, List<String> changes) {
        jdbc.update("UPDATE plans.supply_plan SET version = ?, content = ?::jsonb, valid_until = ? WHERE plan_id = ?",
                version, write(content), Date.valueOf(content.validUntil()), planId);
        addVersion(planId, version, content, by, action, changes);
    }

    void setStatus(String planId, PlanStatus status, String by) {
        if (status == PlanStatus.CONFIRMED) {
            jdbc.update("UPDATE plans.supply_plan SET status = 'CONFIRMED', confirmed_at = now(), confirmed_by = ? "
                    + "WHERE plan_id = ?", by, planId);
        } else {
            jdbc.update("UPDATE plans.supply_plan SET status = ?, closed_at = now() WHERE plan_id = ?", status.name(), planId);
        }
    }

    private void addVersion(String planId, int version, PlanContent content, String by, String action, List<String> changes) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO plans.plan_version (plan_id, version, content, changed_by, action, changes) "
                    + "VALUES (?, ?, ?::jsonb, ?, ?, ?)");
            ps.setString(1, planId);
            ps.setInt(2, version);
            ps.setString(3, write(content));
            ps.setString(4, by);
            ps.setString(5, action);
            ps.setArray(6, con.createArrayOf("text", changes.toArray()));
            return ps;
        });
    }

    Optional<Row> find(String planId, boolean lock) {
        return jdbc.query("SELECT * FROM plans.supply_plan WHERE plan_id = ?" + (lock ? " FOR UPDATE" : ""),
                (rs, n) -> row(rs), planId).stream().findFirst();
    }

    List<Row> ofCase(String caseNo) {
        return jdbc.query("SELECT * FROM plans.supply_plan WHERE case_no = ? ORDER BY created_at, plan_id",
                (rs, n) -> row(rs), caseNo);
    }

    /** Live plans (draft or confirmed) whose validity ended before {@code today}. */
    List<String> expiredBy(LocalDate today) {
        return jdbc.queryForList("SELECT plan_id FROM plans.supply_plan WHERE status IN ('DRAFT', 'CONFIRMED') "
                + "AND valid_until < ? ORDER BY plan_id", String.class, Date.valueOf(today));
    }

    List<PlanVersionInfo> versions(String planId) {
        return jdbc.query("SELECT version, changed_at, changed_by, action, changes FROM plans.plan_version "
                + "WHERE plan_id = ? ORDER BY version", (rs, n) -> new PlanVersionInfo(rs.getInt("version"),
                ts(rs, "changed_at"), rs.getString("changed_by"), rs.getString("action"),
                Arrays.asList((String[]) rs.getArray("changes").getArray())), planId);
    }

    Optional<PlanContent> version(String planId, int version) {
        return jdbc.query("SELECT content FROM plans.plan_version WHERE plan_id = ? AND version = ?",
                (rs, n) -> read(rs.getString(1)), planId, version).stream().findFirst();
    }

    private Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("plan_id"), rs.getString("case_no"), PlanStatus.valueOf(rs.getString("status")),
                rs.getInt("version"), read(rs.getString("content")), ts(rs, "created_at"), rs.getString("created_by"),
                ts(rs, "confirmed_at"), rs.getString("confirmed_by"));
    }

    String write(PlanContent c) {
        try {
            return json.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write plan content", e);
        }
    }

    PlanContent read(String text) {
        try {
            return json.readValue(text, PlanContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable plan content", e);
        }
    }

    private static OffsetDateTime ts(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }
}

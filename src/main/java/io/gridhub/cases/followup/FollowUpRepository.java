package io.gridhub.cases.followup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Follow-up visit tasks in {@code cases.follow_up}. */
@Repository
class FollowUpRepository {

    /** A task to make: who to call and by when. */
    record NewTask(String caseNo, String customerNo, String customerName, String contactName, String contactPhone,
                   String serviceUnit, OffsetDateTime poweredOnAt, LocalDate dueDate, OffsetDateTime dueAt) {}

    private static final String COLUMNS = """
            id, case_no, customer_no, customer_name, contact_name, contact_phone, service_unit, powered_on_at,
            due_date, due_at, status = 'PENDING' AND due_at < now() AS overdue, status, satisfaction, note,
            recorded_by, recorded_at, created_at
            """;

    private final JdbcTemplate jdbc;

    FollowUpRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes the case's task unless it has one; the new task's id, or empty when it existed. */
    Optional<Long> insertIfAbsent(NewTask t) {
        return jdbc.queryForList("""
                INSERT INTO cases.follow_up (case_no, customer_no, customer_name, contact_name, contact_phone,
                    service_unit, powered_on_at, due_date, due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (case_no) DO NOTHING RETURNING id
                """, Long.class, t.caseNo(), t.customerNo(), t.customerName(), t.contactName(), t.contactPhone(),
                t.serviceUnit(), t.poweredOnAt(), t.dueDate(), t.dueAt()).stream().findFirst();
    }

    Optional<FollowUp> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM cases.follow_up WHERE id = ?", FollowUpRepository::map, id)
                .stream().findFirst();
    }

    /** Locks the task for recording until the transaction ends; false when there is none. */
    boolean lock(long id) {
        return !jdbc.queryForList("SELECT id FROM cases.follow_up WHERE id = ? FOR UPDATE", Long.class, id).isEmpty();
    }

    /**
     * The dispatchers' list, most urgent first: the pending tasks by due date (the overdue ones,
     * due before now, come first by that order), then the closed ones, most recently recorded
     * first. {@code status} null: every status. Two index-ordered halves, each cut at
     * {@code limit}, so the closed tasks piling up over the years are never sorted whole.
     */
    List<FollowUp> list(FollowUpStatus status, int limit) {
        String s = status == null ? null : status.name();
        return jdbc.query("SELECT * FROM ((SELECT 0 AS part, " + COLUMNS + """
                FROM cases.follow_up WHERE status = 'PENDING' AND (CAST(? AS text) IS NULL OR ? = 'PENDING')
                ORDER BY due_at, case_no LIMIT ?)
                UNION ALL
                (SELECT 1 AS part, """ + COLUMNS + """
                FROM cases.follow_up WHERE status <> 'PENDING' AND (CAST(? AS text) IS NULL OR status = ?)
                ORDER BY recorded_at DESC, case_no LIMIT ?)) t
                ORDER BY part, CASE WHEN part = 0 THEN due_at END, recorded_at DESC, case_no
                LIMIT ?
                """, FollowUpRepository::map, s, s, limit, s, s, limit, limit);
    }

    void record(long id, FollowUpStatus status, Satisfaction satisfaction, String note, String by, OffsetDateTime at) {
        jdbc.update("""
                UPDATE cases.follow_up SET status = ?, satisfaction = ?, note = ?, recorded_by = ?, recorded_at = ?
                WHERE id = ?
                """, status.name(), satisfaction == null ? null : satisfaction.name(), note, by, at, id);
    }

    private static FollowUp map(ResultSet rs, int n) throws SQLException {
        String satisfaction = rs.getString("satisfaction");
        Satisfaction s = satisfaction == null ? null : Satisfaction.valueOf(satisfaction);
        return new FollowUp(rs.getLong("id"), rs.getString("case_no"), rs.getString("customer_no"),
                rs.getString("customer_name"), rs.getString("contact_name"), rs.getString("contact_phone"),
                rs.getString("service_unit"), ts(rs, "powered_on_at"), rs.getObject("due_date", LocalDate.class),
                ts(rs, "due_at"), rs.getBoolean("overdue"), FollowUpStatus.valueOf(rs.getString("status")), s,
                s == null ? null : s.label(), rs.getString("note"), rs.getString("recorded_by"),
                ts(rs, "recorded_at"), ts(rs, "created_at"));
    }

    private static OffsetDateTime ts(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }
}

package io.gridhub.cases;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log (操作日志) of every change to a case or a plan: who, when, what, and the state
 * before and after as JSON. Written in the change's own transaction.
 */
@Component
public class AuditLog {

    /**
     * One change.
     *
     * @param id sequence number
     * @param at when
     * @param actor who (a login, or mis / gridhub for systems)
     * @param caseNo the case concerned
     * @param entityType CASE or PLAN
     * @param entityId the case number or plan id
     * @param action what was done (CREATED, STAGE_CHANGED, PLAN_CONFIRMED…)
     * @param before the state before (null for a creation)
     * @param after the state after
     */
    public record Entry(long id, OffsetDateTime at, String actor, String caseNo, String entityType, String entityId,
                        String action, JsonNode before, JsonNode after) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AuditLog(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a change and returns its sequence number (the base of the outbox MessageIDs it causes). */
    @Transactional(propagation = Propagation.MANDATORY)
    public long record(Actor actor, String caseNo, String entityType, String entityId, String action, Object before,
                       Object after) {
        Long id = jdbc.queryForObject("""
                INSERT INTO cases.audit_log (actor, case_no, entity_type, entity_id, action, before, after)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) RETURNING id
                """, Long.class, actor.name(), caseNo, entityType, entityId, action, text(before), text(after));
        return id == null ? 0 : id;
    }

    public List<Entry> forCase(String caseNo) {
        return jdbc.query("SELECT * FROM cases.audit_log WHERE case_no = ? ORDER BY id", (rs, n) -> {
            Timestamp at = rs.getTimestamp("at");
            return new Entry(rs.getLong("id"), at.toInstant().atOffset(ZoneOffset.UTC), rs.getString("actor"),
                    rs.getString("case_no"), rs.getString("entity_type"), rs.getString("entity_id"),
                    rs.getString("action"), node(rs.getString("before")), node(rs.getString("after")));
        }, caseNo);
    }

    /** The stable MessageID of the {@code noun} message that reports audit entry {@code auditId}. */
    public static String messageId(long auditId, String noun) {
        return UUID.nameUUIDFromBytes(("gridhub:audit:" + auditId + ":" + noun).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private String text(Object o) {
        if (o == null) {
            return null;
        }
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit state", e);
        }
    }

    private JsonNode node(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable audit state", e);
        }
    }
}

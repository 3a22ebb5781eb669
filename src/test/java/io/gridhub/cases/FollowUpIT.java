package io.gridhub.cases;

import static io.gridhub.cases.CaseApi.json;
import static io.gridhub.cases.CaseApi.newCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Follow-up visits (回访, io.gridhub.cases.followup) on the {@link CasesGridFixture}: two low-voltage
 * cases metered in the survey visit (the fast path) get one task each, due five working days after
 * power-on; the dispatcher sees the overdue one first and records the calls; the MIS hears the outcome.
 */
@HubIntegrationTest
class FollowUpIT {

    static final String UNIT = "东胜供电所";

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired ApplicationEventPublisher events;
    @Autowired TimeLimits limits;
    @Autowired CaseService cases;

    private static CasesGridFixture fixture;
    private static JdbcTemplate cleanup;

    @BeforeEach
    void fixture() {
        if (fixture == null) {
            fixture = new CasesGridFixture(jdbc, events);
            fixture.install();
            cleanup = jdbc;
        }
    }

    /** The connected customers leave the register with the cases: PowerOnIT counts the fixture transformer's. */
    @AfterAll
    static void removeFixture() {
        if (cleanup != null) {
            for (String caseNo : List.of("IT-FU-1", "IT-FU-2", "IT-FU-3")) {
                remove(cleanup, caseNo);
            }
            cleanup = null;
        }
        if (fixture != null) {
            fixture.remove();
            fixture = null;
        }
    }

    CaseApi as(String user) {
        return new CaseApi(http, user);
    }

    static void remove(JdbcTemplate jdbc, String caseNo) {
        jdbc.update("DELETE FROM register.pending_gis_edit WHERE case_no = ?", caseNo);
        jdbc.update("DELETE FROM register.customer WHERE customer_no = ?", "FU-" + caseNo);
        jdbc.update("DELETE FROM cases.connection_case WHERE case_no = ?", caseNo);
        jdbc.update("DELETE FROM cases.audit_log WHERE case_no = ?", caseNo);
    }

    void poweredOn(String caseNo) {
        remove(jdbc, caseNo);
        ResponseEntity<String> created = as("cm").post("/api/cases", newCase(caseNo, UNIT, "\"requestedKw\": 18", "RESIDENTIAL",
                "\"customerNo\": \"FU-" + caseNo + "\", \"contactName\": \"王先生\", \"contactPhone\": \"13800000001\""));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        assertThat(as("cm").post("/api/cases/" + caseNo + "/stages/SITE_SURVEY", null).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> on = as("cm").post("/api/cases/" + caseNo + "/stages/POWER_ON",
                "{\"note\": \"勘查装表一岗制\", \"gridWorks\": false}");
        assertThat(on.getStatusCode().value()).as(on.getBody()).isEqualTo(200);
    }

    static JsonNode task(JsonNode list, String caseNo) {
        for (JsonNode t : list) {
            if (caseNo.equals(t.path("caseNo").asText())) {
                return t;
            }
        }
        throw new AssertionError("no follow-up visit for " + caseNo + " in " + list);
    }

    ResponseEntity<String> recordAs(String user, long id, String body) {
        return as(user).post("/api/dispatch/follow-ups/" + id, body);
    }

    @Test
    void aPoweredOnCaseGetsOneFollowUpVisitDueInWorkingDaysWhichTheDispatcherRecordsOnce() {
        poweredOn("IT-FU-1");
        poweredOn("IT-FU-2");
        // IT-FU-2's call should have been made yesterday
        jdbc.update("UPDATE cases.follow_up SET due_at = now() - interval '1 day', due_date = current_date - 1 WHERE case_no = 'IT-FU-2'");

        // archiving after power-on makes no second task
        assertThat(as("dispatcher").post("/api/cases/IT-FU-1/stages/ARCHIVE", null).getStatusCode().value()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cases.follow_up WHERE case_no = 'IT-FU-1'", Integer.class))
                .isEqualTo(1);

        ResponseEntity<String> listed = as("dispatcher").get("/api/dispatch/follow-ups?status=PENDING");
        assertThat(listed.getStatusCode().value()).as(listed.getBody()).isEqualTo(200);
        JsonNode list = json(listed);
        JsonNode t = task(list, "IT-FU-1");
        assertThat(t.path("status").asText()).isEqualTo("PENDING");
        assertThat(t.path("customerName").asText()).isEqualTo("测试客户 IT-FU-1");
        assertThat(t.path("contactName").asText()).isEqualTo("王先生");
        assertThat(t.path("contactPhone").asText()).isEqualTo("13800000001");
        assertThat(t.path("overdue").asBoolean()).isFalse();
        // due: the 5th working day (hub.cases.follow-up-working-days) after the power-on day on the official calendar
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDate poweredOnDay = OffsetDateTime.parse(t.path("poweredOnAt").asText()).atZoneSameInstant(zone).toLocalDate();
        LocalDate due = LocalDate.parse(t.path("dueDate").asText());
        assertThat(due).isEqualTo(limits.calendar().plusWorkingDays(poweredOnDay, 5));
        assertThat(limits.calendar().workingDaysBetween(poweredOnDay, due)).isEqualTo(5);
        assertThat(limits.calendar().isWorkingDay(due)).isTrue();
        assertThat(OffsetDateTime.parse(t.path("dueAt").asText()).toInstant())
                .isEqualTo(due.plusDays(1).atStartOfDay(zone).toInstant());
        assertThat(jdbc.queryForObject("SELECT powered_on_at = (SELECT started_at FROM cases.case_stage"
                + " WHERE case_no = 'IT-FU-1' AND stage = 'POWER_ON') FROM cases.follow_up WHERE case_no = 'IT-FU-1'",
                Boolean.class)).isTrue();

        // most urgent first: every overdue task before any other, IT-FU-2 before IT-FU-1
        List<String> order = new ArrayList<>();
        boolean seenOnTime = false;
        for (JsonNode f : list) {
            order.add(f.path("caseNo").asText());
            if (f.path("overdue").asBoolean()) {
                assertThat(seenOnTime).as("overdue after an on-time task: " + list).isFalse();
            } else {
                seenOnTime = true;
            }
        }
        assertThat(task(list, "IT-FU-2").path("overdue").asBoolean()).isTrue();
        assertThat(order.indexOf("IT-FU-2")).isLessThan(order.indexOf("IT-FU-1"));

        // dispatchers and admins only
        assertThat(as("cm").get("/api/dispatch/follow-ups").getStatusCode().value()).isEqualTo(403);
        assertThat(as("admin").get("/api/dispatch/follow-ups").getStatusCode().value()).isEqualTo(200);
        long id = t.path("id").asLong();
        assertThat(recordAs("cm", id, "{\"status\": \"DONE\", \"satisfaction\": \"满意\"}").getStatusCode().value())
                .isEqualTo(403);

        // bad input is a 400 naming the field, and changes nothing
        assertBadField(as("dispatcher").get("/api/dispatch/follow-ups?status=LATER"), "status");
        assertBadField(recordAs("dispatcher", id, "{\"satisfaction\": \"满意\"}"), "status");
        assertBadField(recordAs("dispatcher", id, "{\"status\": \"PENDING\"}"), "status");
        assertBadField(recordAs("dispatcher", id, "{\"status\": \"MAYBE\"}"), "status");
        assertBadField(recordAs("dispatcher", id, "{\"status\": \"DONE\"}"), "satisfaction");
        assertBadField(recordAs("dispatcher", id, "{\"status\": \"DONE\", \"satisfaction\": \"很好\"}"), "satisfaction");
        assertBadField(recordAs("dispatcher", id, "{\"status\": \"UNREACHABLE\", \"satisfaction\": \"满意\"}"), "satisfaction");
        assertBadField(recordAs("dispatcher", id, "{\"status\": \"DONE\", \"satisfaction\": \"满意\", \"note\": \""
                + "长".repeat(1001) + "\"}"), "note");
        assertThat(recordAs("dispatcher", 999_999_999L, "{\"status\": \"UNREACHABLE\"}").getStatusCode().value())
                .isEqualTo(404);
        assertBadField(as("dispatcher").post("/api/dispatch/follow-ups/abc", "{\"status\": \"UNREACHABLE\"}"), "id");
        assertThat(jdbc.queryForObject("SELECT status FROM cases.follow_up WHERE id = ?", String.class, id))
                .isEqualTo("PENDING");

        // the call is recorded once
        ResponseEntity<String> recorded = recordAs("dispatcher", id,
                "{\"status\": \"DONE\", \"satisfaction\": \"基本满意\", \"note\": \"送电正常，希望缩短等待\"}");
        assertThat(recorded.getStatusCode().value()).as(recorded.getBody()).isEqualTo(200);
        JsonNode done = json(recorded);
        assertThat(done.path("status").asText()).isEqualTo("DONE");
        assertThat(done.path("satisfaction").asText()).isEqualTo("FAIRLY_SATISFIED");
        assertThat(done.path("satisfactionLabel").asText()).isEqualTo("基本满意");
        assertThat(done.path("recordedBy").asText()).isEqualTo("dispatcher");
        assertThat(done.path("recordedAt").isNull()).isFalse();
        ResponseEntity<String> again = recordAs("dispatcher", id, "{\"status\": \"UNREACHABLE\"}");
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(409);
        assertThat(json(again).path("currentStatus").asText()).isEqualTo("DONE");
        assertThat(json(as("dispatcher").get("/api/dispatch/follow-ups?status=PENDING")).toString()).doesNotContain("IT-FU-1");
        assertThat(task(json(as("dispatcher").get("/api/dispatch/follow-ups?status=DONE")), "IT-FU-1").path("note").asText())
                .isEqualTo("送电正常，希望缩短等待");

        // the overdue one: the customer could not be reached
        long late = task(list, "IT-FU-2").path("id").asLong();
        JsonNode unreachable = json(recordAs("dispatcher", late, "{\"status\": \"unreachable\", \"note\": \"电话无人接听\"}"));
        assertThat(unreachable.path("status").asText()).isEqualTo("UNREACHABLE");
        assertThat(unreachable.path("overdue").asBoolean()).isFalse();
        assertThat(unreachable.path("satisfaction").isNull()).isTrue();

        // the whole list: every pending task before every recorded one
        boolean seenClosed = false;
        for (JsonNode f : json(as("dispatcher").get("/api/dispatch/follow-ups"))) {
            boolean pending = "PENDING".equals(f.path("status").asText());
            assertThat(pending && seenClosed).as("pending after a recorded task").isFalse();
            seenClosed |= !pending;
        }
        assertThat(seenClosed).isTrue();

        // audited: made with the power-on, then the call, with the state before and after
        List<String> actions = jdbc.queryForList("SELECT actor || ' ' || action FROM cases.audit_log"
                + " WHERE case_no = 'IT-FU-1' AND entity_type = 'FOLLOW_UP' ORDER BY id", String.class);
        assertThat(actions).containsExactly("cm FOLLOW_UP_CREATED", "dispatcher FOLLOW_UP_DONE");
        assertThat(jdbc.queryForObject("SELECT before ->> 'status' || ' ' || (after ->> 'status') FROM cases.audit_log"
                + " WHERE case_no = 'IT-FU-1' AND action = 'FOLLOW_UP_DONE'", String.class)).isEqualTo("PENDING DONE");

        // and the MIS hears the outcome once, in the case's order, after the case's own events
        List<String> events = jdbc.queryForList("SELECT verb || ' ' || noun FROM messaging.outbox WHERE ordering_key = 'IT-FU-1'"
                + " ORDER BY id", String.class);
        assertThat(events).endsWith("closed ConnectionApplication", "closed FollowUpVisit");
        assertThat(events.stream().filter(e -> e.endsWith("FollowUpVisit"))).hasSize(1);
        String body = jdbc.queryForObject("SELECT body FROM messaging.outbox WHERE ordering_key = 'IT-FU-1'"
                + " AND noun = 'FollowUpVisit'", String.class);
        assertThat(body).contains("urn:gridhub:cases:1", "<caseNo>IT-FU-1</caseNo>", "<status>DONE</status>",
                "<satisfaction>FAIRLY_SATISFIED</satisfaction>", "<satisfactionLabel>基本满意</satisfactionLabel>",
                "<note>送电正常，希望缩短等待</note>", "<recordedBy>dispatcher</recordedBy>");
    }

    @Test
    void aCaseTheMisClosesWithoutAPowerOnGetsItsVisitCountedFromTheArchiving() {
        remove(jdbc, "IT-FU-3");
        assertThat(as("cm").post("/api/cases", newCase("IT-FU-3", UNIT, "\"requestedKw\": 18", "RESIDENTIAL", null))
                .getStatusCode().value()).isEqualTo(201);
        as("cm").post("/api/cases/IT-FU-3/stages/SITE_SURVEY", null);
        cases.close("IT-FU-3", "已送电归档", 0, Actor.mis("it-fu-3-close"));

        assertThat(jdbc.queryForObject("SELECT f.status || ' ' || (f.powered_on_at = s.started_at) FROM cases.follow_up f"
                + " JOIN cases.case_stage s ON s.case_no = f.case_no AND s.stage = 'ARCHIVE' WHERE f.case_no = 'IT-FU-3'",
                String.class)).isEqualTo("PENDING true");
        assertThat(jdbc.queryForList("SELECT actor || ' ' || action FROM cases.audit_log WHERE case_no = 'IT-FU-3'"
                + " AND entity_type = 'FOLLOW_UP'", String.class)).containsExactly("mis FOLLOW_UP_CREATED");
    }

    private static void assertBadField(ResponseEntity<String> r, String field) {
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(400);
        assertThat(json(r).path("field").asText()).as(r.getBody()).isEqualTo(field);
    }
}

package io.gridhub.cases;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.gridhub.cases.CaseApi.json;
import static io.gridhub.cases.CaseApi.newCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Cases over HTTP on the {@link CasesGridFixture}: stages, access, audit, outbox. */
@HubIntegrationTest
class CasesIT {

    static final String UNIT = "东胜供电所";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;

    private static CasesGridFixture fixture;

    @BeforeEach
    void fixture() {
        if (fixture == null) {
            fixture = new CasesGridFixture(jdbc, events);
            fixture.install();
            assertThat(fixture.foreignAssetsNear(3000)).isZero();
        }
    }

    @AfterAll
    static void removeFixture() {
        if (fixture != null) {
            fixture.remove();
            fixture = null;
        }
    }

    CaseApi as(String user) {
        return new CaseApi(http, user);
    }

    @Test
    void aCounterCaseStartsAtAcceptanceAndMovesOnlyAlongItsPath() {
        ResponseEntity<String> r = as("cm").post("/api/cases", newCase("IT-HV-1", UNIT, "\"requestedKw\": 450", "GENERAL_COMMERCIAL", null));
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(201);
        JsonNode c = json(r);
        assertThat(c.path("stage").asText()).isEqualTo("ACCEPTANCE");
        assertThat(c.path("stageLabel").asText()).isEqualTo("业务受理");
        assertThat(c.path("serviceUnit").asText()).isEqualTo(UNIT);
        assertThat(c.path("requestedKva").asDouble()).isCloseTo(500.0, within(0.05));
        assertThat(c.path("lowVoltage").asBoolean()).isFalse();
        assertThat(c.path("site").path("crs").asText()).isEqualTo("EPSG:4490");
        assertThat(c.path("stages").get(0).path("limitWorkingDays").asInt()).isEqualTo(1);
        assertThat(c.path("stages").get(0).path("dueAt").isNull()).isFalse();

        ResponseEntity<String> illegal = as("cm").post("/api/cases/IT-HV-1/stages/PLAN_REPLY", "{\"note\": \"skip\"}");
        assertThat(illegal.getStatusCode().value()).isEqualTo(409);
        assertThat(json(illegal).path("currentStage").asText()).isEqualTo("ACCEPTANCE");
        assertThat(json(illegal).path("detail").asText()).contains("ACCEPTANCE");

        JsonNode survey = json(as("cm").post("/api/cases/IT-HV-1/stages/site-survey", "{\"note\": \"约定勘查\"}"));
        assertThat(survey.path("stage").asText()).isEqualTo("SITE_SURVEY");
        assertThat(survey.path("stages").get(0).path("completedBy").asText()).isEqualTo("cm");
        assertThat(survey.path("stages").get(1).path("note").asText()).isEqualTo("约定勘查");
        // a 10 kV case cannot take the low-voltage fast path to power-on
        ResponseEntity<String> fast = as("cm").post("/api/cases/IT-HV-1/stages/POWER_ON", "{\"gridWorks\": false}");
        assertThat(fast.getStatusCode().value()).isEqualTo(409);
        assertThat(json(fast).path("currentStage").asText()).isEqualTo("SITE_SURVEY");

        // a second registration of the same number is a conflict, not a second case
        assertThat(as("cm").post("/api/cases", newCase("IT-HV-1", UNIT, "\"requestedKw\": 450", "GENERAL_COMMERCIAL", null))
                .getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void lowVoltageCasesSkipTheHighVoltageStagesAndMayMeterInTheSurveyVisit() {
        as("cm").post("/api/cases", newCase("IT-LV-1", UNIT, "\"requestedKw\": 20", "RESIDENTIAL", null));
        JsonNode c = json(as("cm").get("/api/cases/IT-LV-1"));
        assertThat(c.path("lowVoltage").asBoolean()).isTrue();
        as("cm").post("/api/cases/IT-LV-1/stages/SITE_SURVEY", null);
        JsonNode meterNow = json(as("cm").post("/api/cases/IT-LV-1/stages/POWER_ON",
                "{\"note\": \"勘查装表一岗制\", \"gridWorks\": false}"));
        assertThat(meterNow.path("stage").asText()).isEqualTo("POWER_ON");
        assertThat(meterNow.path("gridWorks").asBoolean()).isFalse();

        as("cm").post("/api/cases", newCase("IT-LV-2", UNIT, "\"requestedKw\": 20", "RESIDENTIAL", null));
        as("cm").post("/api/cases/IT-LV-2/stages/SITE_SURVEY", null);
        JsonNode atPlan = json(as("cm").post("/api/cases/IT-LV-2/stages/PLAN_REPLY", "{\"gridWorks\": true}"));
        assertThat(atPlan.path("nextStages").toString()).isEqualTo("[\"POWER_ON\"]");
        ResponseEntity<String> design = as("cm").post("/api/cases/IT-LV-2/stages/DESIGN_REVIEW", null);
        assertThat(design.getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void customerManagersSeeTheirUnitProjectManagersTheirCasesDispatchersAll() {
        as("cm").post("/api/cases", newCase("IT-ACC-1", UNIT, "\"requestedKw\": 450", "GENERAL_COMMERCIAL", null));
        assertThat(as("cm2").get("/api/cases/IT-ACC-1").getStatusCode().value()).isEqualTo(403);
        assertThat(as("cm2").post("/api/cases/IT-ACC-1/stages/SITE_SURVEY", null).getStatusCode().value()).isEqualTo(403);
        assertThat(as("cm2").post("/api/cases", newCase("IT-ACC-2", UNIT, "\"requestedKw\": 450", "GENERAL_COMMERCIAL", null))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(as("cm2").get("/api/cases?unit=" + UNIT).getStatusCode().value()).isEqualTo(403);
        assertThat(json(as("cm2").get("/api/cases")).path("items").findValuesAsText("caseNo")).doesNotContain("IT-ACC-1");
        assertThat(as("pm").get("/api/cases/IT-ACC-1").getStatusCode().value()).isEqualTo(200);
        assertThat(as("dispatcher").get("/api/cases/IT-ACC-1").getStatusCode().value()).isEqualTo(200);
        assertThat(as("dispatcher").post("/api/cases/IT-ACC-1/stages/SITE_SURVEY", null).getStatusCode().value())
                .isEqualTo(403);
        assertThat(as("gis").get("/api/cases/IT-ACC-1").getStatusCode().value()).isEqualTo(403);
        JsonNode list = json(as("cm").get("/api/cases?unit=" + UNIT + "&stage=ACCEPTANCE"));
        assertThat(list.path("items").findValuesAsText("caseNo")).contains("IT-ACC-1");
        assertThat(list.path("total").asLong()).isPositive();
    }

    @Test
    void badInputIsA400NamingTheField() {
        assertBad(newCase("IT-BAD-1", UNIT, "\"requestedKw\": 450", "SHOP", null), "customerCategory");
        assertBad(newCase("IT-BAD-2", UNIT, "\"requestedKw\": -4", "RESIDENTIAL", null), "requestedKw");
        assertBad(newCase("IT-BAD-3", UNIT, "\"powerFactor\": 0.9", "RESIDENTIAL", null), "requestedKw");
        assertBad(newCase("IT-BAD-4", UNIT, "\"requestedKw\": 40", "RESIDENTIAL", null)
                .replace("\"lon\": 108.0", "\"lon\": 116.4"), "site.lon");
        assertBad(newCase("IT-BAD-5", UNIT, "\"requestedKw\": 40", "RESIDENTIAL", null)
                .replace("EPSG:4490", "EPSG:3857"), "site.crs");
        assertBad(newCase("bad no!", UNIT, "\"requestedKw\": 40", "RESIDENTIAL", null), "caseNo");
        ResponseEntity<String> stage = as("cm").post("/api/cases/IT-BAD-1/stages/LUNCH", null);
        assertThat(stage.getStatusCode().value()).isEqualTo(400);
        assertThat(json(stage).path("field").asText()).isEqualTo("stage");
        ResponseEntity<String> unknown = as("cm").get("/api/cases/IT-NOPE");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(json(unknown).path("field").asText()).isEqualTo("caseNo");
    }

    private void assertBad(String body, String field) {
        ResponseEntity<String> r = as("cm").post("/api/cases", body);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(400);
        assertThat(json(r).path("field").asText()).as(r.getBody()).isEqualTo(field);
    }

    @Autowired
    TimeLimitCheck timeLimits;
    @Autowired
    org.quartz.Scheduler scheduler;

    @Test
    void theTimeLimitJobFlagsOverdueCasesTellsTheMisAndDispatchersSeeTheMostUrgentFirst() throws Exception {
        assertThat(scheduler.checkExists(TimeLimitScheduler.JOB)).as("scheduled in the clustered job store").isTrue();
        as("cm").post("/api/cases", newCase("IT-TL-1", UNIT, "\"requestedKw\": 450", "GENERAL_COMMERCIAL", null));
        as("cm").post("/api/cases", newCase("IT-TL-2", UNIT, "\"requestedKw\": 450", "GENERAL_COMMERCIAL", null));
        as("cm").post("/api/cases/IT-TL-2/stages/SITE_SURVEY", null);
        // IT-TL-1: acceptance started 10 days ago, due 2 days ago; IT-TL-2: survey of 5 days, 4 working days used
        jdbc.update("UPDATE cases.case_stage SET started_at = now() - interval '10 days', due_at = now() - interval '2 days' "
                + "WHERE case_no = 'IT-TL-1' AND completed_at IS NULL");
        jdbc.update("UPDATE cases.case_stage SET started_at = now() - interval '40 days', due_at = now() + interval '1 day', "
                + "limit_working_days = 30 WHERE case_no = 'IT-TL-2' AND completed_at IS NULL");
        TimeLimitCheck.Result r = timeLimits.run();
        assertThat(r.checked()).isGreaterThanOrEqualTo(2);
        assertThat(timeLimits.run().flagged()).as("a second pass changes nothing").isZero();
        JsonNode tl1 = json(as("cm").get("/api/cases/IT-TL-1"));
        assertThat(tl1.path("stages").get(0).path("timeFlag").asText()).isEqualTo("OVERDUE");
        String body = jdbc.queryForObject("SELECT body FROM messaging.outbox WHERE ordering_key = 'IT-TL-1' "
                + "ORDER BY id DESC LIMIT 1", String.class);
        assertThat(body).contains("<timeFlag>OVERDUE</timeFlag>");

        JsonNode warnings = json(as("dispatcher").get("/api/dispatch/warnings"));
        List<String> order = warnings.findValuesAsText("caseNo");
        assertThat(order).contains("IT-TL-1", "IT-TL-2");
        assertThat(order.indexOf("IT-TL-1")).isLessThan(order.indexOf("IT-TL-2"));
        assertThat(warnings.get(order.indexOf("IT-TL-2")).path("timeFlag").asText()).isEqualTo("WARNING");
        assertThat(as("cm").get("/api/dispatch/warnings").getStatusCode().value()).isEqualTo(403);
        assertThat(json(as("dispatcher").get("/api/cases?overdue=true")).path("items").findValuesAsText("caseNo"))
                .contains("IT-TL-1").doesNotContain("IT-TL-2");
    }

    @Test
    void everyChangeIsAuditedForAdminsAndReportedThroughTheOutbox() {
        as("cm").post("/api/cases", newCase("IT-AUD-1", UNIT, "\"requestedKw\": 450", "GENERAL_COMMERCIAL", null));
        as("cm").post("/api/cases/IT-AUD-1/stages/SITE_SURVEY", "{\"note\": \"n\"}");
        assertThat(as("cm").get("/api/cases/IT-AUD-1/audit").getStatusCode().value()).isEqualTo(403);
        JsonNode audit = json(as("admin").get("/api/cases/IT-AUD-1/audit"));
        assertThat(audit.findValuesAsText("action")).containsExactly("CREATED", "STAGE_SITE_SURVEY");
        JsonNode move = audit.get(1);
        assertThat(move.path("actor").asText()).isEqualTo("cm");
        assertThat(move.path("before").path("stage").asText()).isEqualTo("ACCEPTANCE");
        assertThat(move.path("after").path("stage").asText()).isEqualTo("SITE_SURVEY");

        List<String> verbs = jdbc.queryForList("SELECT verb || ' ' || noun FROM messaging.outbox WHERE ordering_key = ? "
                + "ORDER BY id", String.class, "IT-AUD-1");
        assertThat(verbs).containsExactly("created ConnectionApplication", "changed ConnectionApplication");
        String body = jdbc.queryForObject("SELECT body FROM messaging.outbox WHERE ordering_key = ? ORDER BY id DESC LIMIT 1",
                String.class, "IT-AUD-1");
        assertThat(body).contains("urn:gridhub:cases:1").contains("<stage>SITE_SURVEY</stage>");
    }
}

package io.gridhub.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridhub.HubIntegrationTest;
import io.gridhub.plans.PlanService;
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

/**
 * Supply plans on the {@link CasesGridFixture}: CASES-F1 has 2,400 kVA open, CASES-T1 120 kVA.
 * The tests run one after another on the same fixture, each leaving no open commitment behind.
 */
@HubIntegrationTest
class PlansIT {

    static final String UNIT = "东胜供电所";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    CaseService cases;
    @Autowired
    PlanService plans;

    private static CasesGridFixture fixture;

    @BeforeEach
    void fixture() {
        if (fixture == null) {
            fixture = new CasesGridFixture(jdbc, events);
            fixture.install();
        }
        jdbc.update("UPDATE capacity.commitment SET status = 'CANCELLED', closed_at = now() "
                + "WHERE asset_ref LIKE 'CASES-%' AND status = 'ACCEPTED'");
    }

    @AfterAll
    static void removeFixture() {
        if (fixture != null) {
            fixture.remove();
            fixture = null;
        }
    }

    CaseApi cm() {
        return new CaseApi(http, "cm");
    }

    /** Registers a case and moves it to the plan stage, where its plan is drafted; returns the plan id. */
    String caseAtPlanStage(String caseNo, String power, String category) {
        ResponseEntity<String> r = cm().post("/api/cases", newCase(caseNo, UNIT, power, category, null));
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(201);
        cm().post("/api/cases/" + caseNo + "/stages/SITE_SURVEY", null);
        ResponseEntity<String> moved = cm().post("/api/cases/" + caseNo + "/stages/PLAN_REPLY", "{\"gridWorks\": true}");
        assertThat(moved.getStatusCode().value()).as(moved.getBody()).isEqualTo(200);
        JsonNode list = json(cm().get("/api/cases/" + caseNo + "/plans"));
        assertThat(list.size()).as("a plan is drafted when the case reaches the plan stage").isEqualTo(1);
        return list.get(0).path("planId").asText();
    }

    double open(String assetType, String id) {
        Double committed = jdbc.queryForObject("SELECT coalesce(sum(committed_kva), 0) FROM capacity.commitment "
                + "WHERE asset_type = ? AND asset_ref = ? AND status = 'ACCEPTED'", Double.class, assetType, id);
        return committed == null ? 0 : committed;
    }

    @Test
    void theDraftIsTheBestSitingCandidateWithEveryFieldOfTheReply() {
        String planId = caseAtPlanStage("IT-PL-1", "\"requestedKva\": 500", "GENERAL_COMMERCIAL");
        ResponseEntity<String> r = cm().get("/api/plans/" + planId);
        assertThat(r.getHeaders().getETag()).isEqualTo("\"1\"");
        JsonNode p = json(r);
        assertThat(p.path("planId").asText()).isEqualTo("IT-PL-1-P1");
        assertThat(p.path("caseNo").asText()).isEqualTo("IT-PL-1");
        assertThat(p.path("status").asText()).isEqualTo("DRAFT");
        assertThat(p.path("version").asInt()).isEqualTo(1);
        assertThat(p.path("voltageLevel").asText()).isEqualTo("MV_10KV");
        assertThat(p.path("supplyMode").asText()).isEqualTo("SINGLE");
        JsonNode s = p.path("sources").get(0);
        assertThat(s.path("assetId").asText()).isEqualTo("CASES-F1");
        assertThat(s.path("assetType").asText()).isEqualTo("FEEDER");
        assertThat(s.path("feederId").asText()).isEqualTo("CASES-F1");
        assertThat(s.path("substationId").asText()).isEqualTo("CASES-SUB");
        assertThat(s.path("mainTransformerId").asText()).isEqualTo("CASES-MT");
        assertThat(s.path("connectionPoint").path("id").asText()).isEqualTo("CASES-P1");
        assertThat(s.path("committedKva").asDouble()).isCloseTo(500, within(0.01));
        assertThat(p.path("meteringMethod").asText()).isEqualTo("HIGH_HIGH");
        assertThat(p.path("propertyBoundaryPoint").asText()).contains("017");
        assertThat(p.path("incomingLineType").asText()).isEqualTo("OVERHEAD");
        assertThat(p.path("validUntil").asText()).isNotBlank();
        assertThat(p.path("chosenRank").asInt()).isEqualTo(1);
        assertThat(p.path("candidates").size()).isPositive();
        assertThat(p.path("versions").get(0).path("action").asText()).isEqualTo("DRAFTED");
        assertThat(jdbc.queryForList("SELECT verb FROM messaging.outbox WHERE ordering_key = 'IT-PL-1' AND noun = 'SupplyPlan'",
                String.class)).containsExactly("created");
    }

    @Test
    void editsAreVersionsGuardedByIfMatchAndAnyTwoCompare() {
        String planId = caseAtPlanStage("IT-PL-2", "\"requestedKva\": 200", "GENERAL_COMMERCIAL");
        String path = "/api/plans/" + planId;
        String edit = "{\"notes\": \"客户要求电缆进线\", \"incomingLineType\": \"CABLE\"}";
        ResponseEntity<String> none = cm().call(HttpMethod.PUT, path, edit, null);
        assertThat(none.getStatusCode().value()).isEqualTo(400);
        assertThat(json(none).path("field").asText()).isEqualTo("If-Match");
        ResponseEntity<String> ok = cm().call(HttpMethod.PUT, path, edit, "\"1\"");
        assertThat(ok.getStatusCode().value()).as(ok.getBody()).isEqualTo(200);
        assertThat(ok.getHeaders().getETag()).isEqualTo("\"2\"");
        JsonNode v2 = json(ok);
        assertThat(v2.path("notes").asText()).isEqualTo("客户要求电缆进线");
        assertThat(v2.path("versions").get(1).path("changedBy").asText()).isEqualTo("cm");
        assertThat(v2.path("versions").get(1).path("changes").toString()).contains("notes", "incomingLineType");

        ResponseEntity<String> stale = cm().call(HttpMethod.PUT, path, "{\"notes\": \"late\"}", "\"1\"");
        assertThat(stale.getStatusCode().value()).isEqualTo(412);
        assertThat(json(stale).path("currentVersion").asInt()).isEqualTo(2);
        ResponseEntity<String> bad = cm().call(HttpMethod.PUT, path, "{\"meteringMethod\": \"SOMETIMES\"}", "\"2\"");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(json(bad).path("field").asText()).isEqualTo("meteringMethod");
        ResponseEntity<String> noRank = cm().call(HttpMethod.PUT, path, "{\"candidateRank\": 99}", "\"2\"");
        assertThat(noRank.getStatusCode().value()).isEqualTo(400);
        assertThat(json(noRank).path("field").asText()).isEqualTo("candidateRank");

        JsonNode cmp = json(cm().get(path + "/compare?from=1&to=2"));
        assertThat(cmp.path("differences").findValuesAsText("field")).containsExactlyInAnyOrder("notes", "incomingLineType");
        assertThat(json(cm().get(path + "/versions/1")).path("notes").isNull()).isTrue();
        assertThat(new CaseApi(http, "cm2").get(path).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aConfirmationCommitsTheChainAndTheLoserGets409WithTheRemainingRoom() {
        String a = caseAtPlanStage("IT-PL-3", "\"requestedKva\": 1500", "GENERAL_COMMERCIAL");
        String b = caseAtPlanStage("IT-PL-4", "\"requestedKva\": 1500", "GENERAL_COMMERCIAL");
        ResponseEntity<String> first = cm().post("/api/plans/" + a + "/confirm", "{\"note\": \"客户签字\"}");
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(200);
        assertThat(json(first).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(open("FEEDER", "CASES-F1")).isCloseTo(1500, within(0.01));
        assertThat(open("MAIN_TRANSFORMER", "CASES-MT")).isCloseTo(1500, within(0.01));

        // siting sees the promise at once: 2,400 − 1,500 = 900 open on the feeder
        ResponseEntity<String> siting = cm().post("/api/siting/candidates", """
                {"lon": 108.0, "lat": 38.0, "requestedKva": 400, "customerCategory": "GENERAL_COMMERCIAL", "importance": "NORMAL"}
                """);
        JsonNode f1 = json(siting).path("candidates").get(0);
        assertThat(f1.path("assetId").asText()).isEqualTo("CASES-F1");
        assertThat(f1.path("openCapacityKva").path("before").asDouble()).isCloseTo(900, within(0.5));

        ResponseEntity<String> loser = cm().post("/api/plans/" + b + "/confirm", null);
        assertThat(loser.getStatusCode().value()).isEqualTo(409);
        JsonNode problem = json(loser);
        assertThat(problem.path("bindingAssetId").asText()).isEqualTo("CASES-F1");
        assertThat(problem.path("remainingKva").asDouble()).isCloseTo(900, within(0.5));
        assertThat(problem.path("requestedKva").asDouble()).isCloseTo(1500, within(0.01));
        assertThat(json(cm().get("/api/plans/" + b)).path("status").asText()).isEqualTo("DRAFT");

        // withdrawing the winner releases its capacity; the other now fits
        assertThat(json(cm().post("/api/plans/" + a + "/withdraw", "{\"note\": \"客户改期\"}")).path("status").asText())
                .isEqualTo("WITHDRAWN");
        assertThat(open("FEEDER", "CASES-F1")).isZero();
        assertThat(cm().post("/api/plans/" + b + "/confirm", null).getStatusCode().value()).isEqualTo(200);
        assertThat(cm().post("/api/plans/" + b + "/confirm", null).getStatusCode().value()).isEqualTo(409);
        // cancelling the case withdraws its plan and releases the capacity, in the same transaction
        cases.cancel("IT-PL-4", "客户撤销", 0, Actor.mis("msg-cancel-1"));
        assertThat(json(cm().get("/api/plans/" + b)).path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(open("FEEDER", "CASES-F1")).isZero();
        List<String> planEvents = jdbc.queryForList("SELECT verb || ' ' || coalesce(correlation_id, '-') FROM messaging.outbox "
                + "WHERE ordering_key = 'IT-PL-4' AND noun = 'SupplyPlan' ORDER BY id", String.class);
        assertThat(planEvents).containsExactly("created -", "changed -", "canceled msg-cancel-1");
    }

    @Test
    void concurrentConfirmationsNeverOverbookTheTransformer() throws Exception {
        int n = 12;
        List<String> planIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            planIds.add(caseAtPlanStage("IT-RACE-" + i, "\"requestedKva\": 25", "RESIDENTIAL"));
        }
        assertThat(json(cm().get("/api/plans/" + planIds.get(0))).path("sources").get(0).path("transformerId").asText())
                .isEqualTo("CASES-T1");
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Integer>> results = new ArrayList<>();
        for (String id : planIds) {
            Callable<Integer> c = () -> cm().post("/api/plans/" + id + "/confirm", null).getStatusCode().value();
            results.add(pool.submit(c));
        }
        int won = 0;
        int lost = 0;
        for (Future<Integer> f : results) {
            int status = f.get();
            if (status == 200) {
                won++;
            } else if (status == 409) {
                lost++;
            }
        }
        pool.shutdown();
        // CASES-T1 has 120 kVA open: four 25 kVA promises fit (100), a fifth would not (125)
        assertThat(won).isEqualTo(4);
        assertThat(lost).isEqualTo(n - 4);
        assertThat(open("DISTRIBUTION_TRANSFORMER", "CASES-T1")).isCloseTo(100, within(0.01));
    }

    @Test
    void theReplyPdfCarriesTheCaseThePlanTheMapAndSignatureLinesInAnEmbeddedChineseFont() throws Exception {
        String planId = caseAtPlanStage("IT-PDF-1", "\"requestedKw\": 450", "GENERAL_COMMERCIAL");
        ResponseEntity<byte[]> r = http.withBasicAuth("cm", "cm123").getForEntity("/api/plans/" + planId + "/pdf", byte[].class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(r.getBody())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertThat(text).contains("供电方案答复单", "鄂尔多斯供电分公司", "IT-PDF-1", "测试客户 IT-PDF-1",
                    "鄂托克前旗 测试路 1 号", "一般工商业", "10kV", "单电源", "主供", "CASES-SUB", "沙漠线",
                    "沙漠线 017号杆", "高供高计", "产权分界点", "有效期至", "客户经理（签字）", "供电单位（盖章）");
            var resources = pdf.getPage(0).getResources();
            for (var name : resources.getFontNames()) {
                assertThat(resources.getFont(name).isEmbedded()).as("font %s embedded", name).isTrue();
            }
            boolean image = false;
            for (var page : pdf.getPages()) {
                for (var name : page.getResources().getXObjectNames()) {
                    image |= page.getResources().isImageXObject(name);
                }
            }
            assertThat(image).as("the map extract is in the PDF").isTrue();
        }
        assertThat(new CaseApi(http, "cm2").get("/api/plans/" + planId + "/pdf").getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void plansPastTheirValidityExpireAndReleaseTheirCapacity() {
        String planId = caseAtPlanStage("IT-PL-5", "\"requestedKva\": 300", "GENERAL_COMMERCIAL");
        cm().post("/api/plans/" + planId + "/confirm", null);
        assertThat(open("FEEDER", "CASES-F1")).isCloseTo(300, within(0.01));
        int expired = plans.expire(java.time.LocalDate.now().plusYears(2));
        assertThat(expired).isGreaterThanOrEqualTo(1);
        assertThat(json(cm().get("/api/plans/" + planId)).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(open("FEEDER", "CASES-F1")).isZero();
    }
}

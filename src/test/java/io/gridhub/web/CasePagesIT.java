package io.gridhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The case pages on three cases of the sample grid: WS-1 (东胜供电所, cm), WS-OTHER (康巴什供电所,
 * cm2) and WS-LATE (东胜供电所, its acceptance stage backdated past its limit). A customer manager
 * works WS-1 from the map to a confirmed plan; another unit's case stays closed to them; the
 * dispatcher sees the overdue case first and records a follow-up visit (回访) on one of two
 * low-voltage cases powered on in the survey visit (WS-VISIT, and WS-VISIT-LATE past its call date);
 * the admin reads users and the audit log.
 */
@HubIntegrationTest
class CasePagesIT extends InBrowser {

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;

    static boolean installed;
    static JdbcTemplate cleanup;

    @BeforeEach
    void cases() {
        if (installed) {
            return;
        }
        remove(jdbc);
        Map<String, Object> t = jdbc.queryForMap("""
                SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM grid.distribution_transformer
                WHERE lifecycle = 'IN_SERVICE' AND feed_id = 'ordos-sample' ORDER BY id LIMIT 1 OFFSET 40""");
        double lon = ((Number) t.get("lon")).doubleValue() + 0.0008;
        double lat = ((Number) t.get("lat")).doubleValue() + 0.0005;
        create("cm", "WS-1", "东胜供电所", "cm", lon, lat);
        create("cm2", "WS-OTHER", "康巴什供电所", "cm2", lon, lat);
        create("cm", "WS-LATE", "东胜供电所", "cm", lon, lat);
        ResponseEntity<String> survey = post("cm", "/api/cases/WS-1/stages/SITE_SURVEY", "{\"note\": \"约定勘查\"}");
        assertThat(survey.getStatusCode()).as(survey.getBody()).isEqualTo(HttpStatus.OK);
        jdbc.update("UPDATE cases.case_stage SET started_at = now() - interval '20 days', due_at = now() - interval '10 days'"
                + " WHERE case_no = 'WS-LATE' AND completed_at IS NULL");
        installed = true;
        cleanup = jdbc;
    }

    @AfterAll
    static void removeCases() {
        if (cleanup != null) {
            remove(cleanup);
            installed = false;
        }
    }

    static void remove(JdbcTemplate jdbc) {
        String cases = "('WS-1', 'WS-OTHER', 'WS-LATE', 'WS-VISIT', 'WS-VISIT-LATE')";
        // the power-on of the follow-up cases added a customer to the sample grid: take it back
        jdbc.update("UPDATE grid.feeder f SET connected_customers = connected_customers - 1 FROM register.customer c"
                + " WHERE c.feeder_ref = f.source_id AND c.customer_no IN ('CASE-WS-VISIT', 'CASE-WS-VISIT-LATE')");
        jdbc.update("DELETE FROM register.customer WHERE customer_no IN ('CASE-WS-VISIT', 'CASE-WS-VISIT-LATE')");
        jdbc.update("DELETE FROM register.pending_gis_edit WHERE case_no IN " + cases);
        jdbc.update("DELETE FROM capacity.commitment WHERE case_ref IN " + cases);
        jdbc.update("DELETE FROM plans.plan_version WHERE plan_id IN (SELECT plan_id FROM plans.supply_plan WHERE case_no IN " + cases + ")");
        jdbc.update("DELETE FROM plans.supply_plan WHERE case_no IN " + cases);
        jdbc.update("DELETE FROM cases.case_stage WHERE case_no IN " + cases);
        jdbc.update("DELETE FROM cases.connection_case WHERE case_no IN " + cases);
    }

    void create(String user, String caseNo, String unit, String manager, double lon, double lat) {
        String body = """
                {"caseNo": "%s", "customerName": "鄂尔多斯市某商贸有限公司", "address": "东胜区测试路 1 号",
                 "site": {"lon": %s, "lat": %s, "crs": "EPSG:4490"}, "requestedKva": 250,
                 "customerCategory": "GENERAL_COMMERCIAL", "importance": "NORMAL", "serviceUnit": "%s",
                 "customerManager": "%s", "projectManager": "pm"}""".formatted(caseNo, lon, lat, unit, manager);
        ResponseEntity<String> r = post(user, "/api/cases", body);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    ResponseEntity<String> post(String user, String path, String json) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, user + "123").postForEntity(path, new HttpEntity<>(json, h), String.class);
    }

    @Test
    void aCustomerManagerOpensACaseSeesTheCandidatesAndConfirmsAPlan() throws Exception {
        Workspace w = workspace().loginAs("cm").open("/cases.html");
        List<String> listed = w.all("#cases tbody tr").stream().map(r -> r.getAttribute("data-case")).toList();
        assertThat(listed).contains("WS-1", "WS-LATE").doesNotContain("WS-OTHER");
        w.screenshot("cases-customer-manager");

        w.find("#cases tr[data-case='WS-1'] a").click();
        w.waitReady();
        assertThat(w.find("#caseNo").getText()).isEqualTo("WS-1");
        List<WebElement> rows = w.all("#candidates tbody tr.clickable");
        assertThat(rows).isNotEmpty();
        long passed = rows.stream().filter(r -> "true".equals(r.getAttribute("data-passed"))).count();
        assertThat(passed).isPositive();
        assertThat(w.overlay("candidatePassed")).isEqualTo(passed);
        assertThat(w.overlay("candidateFailed")).isEqualTo(rows.size() - passed);
        assertThat(w.overlay("site")).isEqualTo(1);
        assertThat(w.drawn("capacity")).as("feeders and transformers around the site by loading").isPositive();
        assertThat(w.paintedPixels()).isGreaterThan(1000);

        w.find("#draftPlan").click();
        w.wait.until(d -> !browser.findElements(By.id("planStatus")).isEmpty());
        assertThat(w.find("#planStatus").getAttribute("data-status")).isEqualTo("DRAFT");
        assertThat(w.find("#planVersion").getText()).isEqualTo("1");
        assertThat(w.all("table.sources tbody tr")).isNotEmpty();

        w.find("#confirmPlan").click();
        w.wait.until(d -> "CONFIRMED".equals(browser.findElement(By.id("planStatus")).getAttribute("data-status")));
        assertThat(w.find("#planStatus").getText()).isEqualTo("已确认");
        assertThat(w.find("#planMessage").getText()).contains("已确认");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM capacity.commitment WHERE case_ref = 'WS-1' AND status = 'ACCEPTED'",
                Long.class)).isPositive();
        // the 供电方案答复单 link the page offers is the plan's PDF
        String pdf = w.find("#planPdf").getAttribute("href").replaceFirst("^http://localhost:\\d+", "");
        ResponseEntity<byte[]> reply = http.withBasicAuth("cm", "cm123").getForEntity(pdf, byte[].class);
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(new String(reply.getBody(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        w.screenshot("case-page");
    }

    @Test
    void anotherUnitsCaseStaysClosed() {
        Workspace w = workspace().loginAs("cm").open("/case.html?no=WS-OTHER");
        assertThat(w.find("#error").isDisplayed()).isTrue();
        assertThat(w.find("#error").getText()).contains("无权访问");
        assertThat(w.all("#candidates")).isEmpty();
        assertThat(http.withBasicAuth("cm", "cm123").getForEntity("/api/cases/WS-OTHER", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth("cm2", "cm2123").getForEntity("/api/cases/WS-OTHER", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void theDispatcherSeesTheOverdueCaseFirst() throws Exception {
        Workspace w = workspace().loginAs("dispatcher").open("/dispatch.html");
        assertThat(w.navigation()).contains("/dispatch.html", "/cases.html").doesNotContain("/gis.html", "/siting.html");
        WebElement first = w.find("#warnings tbody tr");
        assertThat(first.getAttribute("data-case")).isEqualTo("WS-LATE");
        assertThat(first.getAttribute("data-flag")).isEqualTo("OVERDUE");
        assertThat(first.getText()).contains("超期");
        w.screenshot("dispatch");
    }

    /** A low-voltage case metered in the survey visit (勘查装表一岗制): powered on, so its follow-up visit is made. */
    void poweredOn(String caseNo, double lon, double lat) {
        ResponseEntity<String> r = post("cm", "/api/cases", """
                {"caseNo": "%s", "customerName": "东胜区某便利店", "contactName": "李女士", "contactPhone": "13900000002",
                 "site": {"lon": %s, "lat": %s, "crs": "EPSG:4490"}, "requestedKw": 18, "customerCategory": "RESIDENTIAL",
                 "importance": "NORMAL", "serviceUnit": "东胜供电所", "customerManager": "cm", "projectManager": "pm"}"""
                .formatted(caseNo, lon, lat));
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("cm", "/api/cases/" + caseNo + "/stages/SITE_SURVEY", "{}").getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> on = post("cm", "/api/cases/" + caseNo + "/stages/POWER_ON", "{\"gridWorks\": false}");
        assertThat(on.getStatusCode()).as(on.getBody()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theDispatcherRecordsAFollowUpVisitOverdueOnesFirst() throws Exception {
        Map<String, Object> site = jdbc.queryForMap("SELECT given_lon, given_lat FROM cases.connection_case WHERE case_no = 'WS-1'");
        double lon = ((Number) site.get("given_lon")).doubleValue();
        double lat = ((Number) site.get("given_lat")).doubleValue();
        poweredOn("WS-VISIT", lon, lat);
        poweredOn("WS-VISIT-LATE", lon, lat);
        jdbc.update("UPDATE cases.follow_up SET due_at = now() - interval '1 day', due_date = current_date - 1 WHERE case_no = 'WS-VISIT-LATE'");

        Workspace w = workspace().loginAs("dispatcher").open("/dispatch.html");
        List<String> order = w.all("#followUps tbody tr").stream().map(r -> r.getAttribute("data-case")).toList();
        assertThat(order).contains("WS-VISIT", "WS-VISIT-LATE");
        assertThat(order.indexOf("WS-VISIT-LATE")).isLessThan(order.indexOf("WS-VISIT"));
        WebElement late = w.find("#followUps tr[data-case='WS-VISIT-LATE']");
        assertThat(late.getAttribute("class")).contains("OVERDUE");
        assertThat(late.getText()).contains("超期", "待回访", "李女士 13900000002");
        assertThat(w.find("#followUps tr[data-case='WS-VISIT']").getAttribute("class")).doesNotContain("OVERDUE");

        String row = "#followUps tr[data-case='WS-VISIT'] ";
        new org.openqa.selenium.support.ui.Select(w.find(row + "select[name='status']")).selectByValue("DONE");
        new org.openqa.selenium.support.ui.Select(w.find(row + "select[name='satisfaction']")).selectByVisibleText("基本满意");
        w.find(row + "input[name='note']").sendKeys("送电正常");
        w.find(row + "form button").click();
        w.wait.until(d -> "DONE".equals(browser.findElement(By.cssSelector("#followUps tr[data-case='WS-VISIT']"))
                .getAttribute("data-status")));
        assertThat(w.find("#followUpMessage").getText()).contains("回访已记录", "WS-VISIT");
        assertThat(w.find("#followUps tr[data-case='WS-VISIT']").getText()).contains("已回访", "基本满意", "送电正常", "dispatcher");
        assertThat(w.all("#followUps tr[data-case='WS-VISIT'] form")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT status || ' ' || satisfaction || ' ' || recorded_by FROM cases.follow_up"
                + " WHERE case_no = 'WS-VISIT'", String.class)).isEqualTo("DONE FAIRLY_SATISFIED dispatcher");
        w.screenshot("dispatch-follow-ups");
    }

    @Test
    void theProjectManagerSeesTheCasesWithGridWorks() {
        Workspace w = workspace().loginAs("pm").open("/cases.html");
        assertThat(w.find("#heading").getText()).isEqualTo("配套工程工单");
        assertThat(w.navigation()).doesNotContain("/gis.html", "/admin.html", "/dispatch.html");
    }

    @Test
    void theAdminReadsUsersWithTheirUnitsAndACasesAuditLog() throws Exception {
        Workspace w = workspace().loginAs("admin").open("/admin.html");
        assertThat(w.navigation()).contains("/admin.html", "/gis.html", "/dispatch.html", "/cases.html");
        assertThat(w.find("#users tr[data-user='cm']").getText()).contains("客户经理", "东胜供电所");
        assertThat(w.find("#users tr[data-user='cm2']").getText()).contains("康巴什供电所");
        w.find("#auditCase").sendKeys("WS-1");
        w.find("#auditForm button").click();
        w.wait.until(d -> !browser.findElements(By.cssSelector("#audit tbody tr")).isEmpty());
        assertThat(w.find("#audit tbody").getText()).contains("cm");
        w.screenshot("admin");
        assertThat(http.withBasicAuth("cm", "cm123").getForEntity("/api/admin/users", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }
}

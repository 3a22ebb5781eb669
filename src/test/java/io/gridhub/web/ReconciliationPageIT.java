package io.gridhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reconciliation panel of the GIS page (营配贯通核查), against a small register and grid of its
 * own in a corner away from the sample grid and from ReconciliationIT's:
 *
 * <pre>
 *  T-PG-1  107.200 38.200  100 kVA  feeder F-PG-1   customers P-1, P-2 (30 m), P-4 (about 3.1 km north)
 * </pre>
 *
 * A first run (through the API) finds P-4 beyond the supply radius. Then the MIS moves P-2 to
 * feeder F-PG-9 and adds P-3 under a transformer the GIS lacks (area PA-GHOST); the run started
 * from the page must show exactly one more feeder mismatch, unknown transformer and area without a
 * transformer than the run before, and no change beyond the radius.
 */
@HubIntegrationTest
class ReconciliationPageIT extends InBrowser {

    static final String FEED = "test-reconciliation-page";
    static final String UNIT = "页面测试供电所";

    @Autowired JdbcTemplate jdbc;
    @Autowired TestRestTemplate http;
    final ObjectMapper json = new ObjectMapper();

    void customer(String no, String transformer, String area, String feeder, double lon, double lat) {
        jdbc.update("INSERT INTO register.customer (customer_no, feed_id, name, usage_category, contracted_kva, status,"
                + " service_unit, transformer_area, transformer_ref, feeder_ref, geom) VALUES (?, ?, ?, 'RESIDENTIAL', 10,"
                + " 'ACTIVE', ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4490))", no, FEED, no, UNIT, area, transformer, feeder,
                lon, lat);
    }

    UUID runThroughTheApi() throws Exception {
        ResponseEntity<String> r = http.withBasicAuth("gis", "gis123").postForEntity("/api/reconciliation/runs", null, String.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        UUID id = UUID.fromString(json.readTree(r.getBody()).path("runId").asText());
        for (int i = 0; i < 600; i++) {
            JsonNode run = json.readTree(http.withBasicAuth("gis", "gis123")
                    .getForObject("/api/reconciliation/runs/" + id, String.class));
            if (!"RUNNING".equals(run.path("status").asText())) {
                assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    /** The corner goes again, so tests that count the grid or the register after this one see what they expect. */
    @AfterEach
    void removeTheCorner() {
        jdbc.update("DELETE FROM register.customer WHERE feed_id = ?", FEED);
        jdbc.update("DELETE FROM grid.distribution_transformer WHERE feed_id = ?", FEED);
    }

    String text(WebElement row, String css) {
        return row.findElement(By.cssSelector(css)).getText();
    }

    @Test
    void theGisAnalystRunsAReconciliationOpensAKindAndAcknowledgesAFinding() throws Exception {
        jdbc.update("DELETE FROM register.customer WHERE feed_id = ?", FEED);
        jdbc.update("DELETE FROM grid.distribution_transformer WHERE feed_id = ?", FEED);
        jdbc.update("INSERT INTO grid.distribution_transformer (feed_id, source_id, name, kind, ownership, rated_kva, feeder_ref,"
                + " geom, lifecycle) VALUES (?, 'T-PG-1', 'T-PG-1', 'POLE_MOUNTED', 'PUBLIC', 100, 'F-PG-1',"
                + " ST_SetSRID(ST_MakePoint(107.2, 38.2), 4490), 'IN_SERVICE')", FEED);
        customer("P-1", "T-PG-1", "PA-1", "F-PG-1", 107.2003, 38.2001);
        customer("P-2", "T-PG-1", "PA-1", "F-PG-1", 107.2002, 38.2002);
        customer("P-4", "T-PG-1", "PA-1", "F-PG-1", 107.2, 38.228);
        UUID before = runThroughTheApi();

        jdbc.update("UPDATE register.customer SET feeder_ref = 'F-PG-9' WHERE customer_no = 'P-2'");
        customer("P-3", "T-PG-NONE", "PA-GHOST", "F-PG-1", 107.2004, 38.2003);

        Workspace w = workspace().loginAs("gis").open("/gis.html");
        assertThat(w.find("#reconKinds").getAttribute("data-run")).as("the latest run is shown").isEqualTo(before.toString());
        w.find("#reconStart").click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(200)).until(d -> {
            String run = w.find("#reconKinds").getAttribute("data-run");
            return run != null && !run.equals(before.toString()) && "完成".equals(w.find("#reconRun .badge").getText());
        });
        String after = w.find("#reconKinds").getAttribute("data-run");
        assertThat(w.find("#reconMessage").getText()).isEqualTo("营配贯通核查: 完成");
        assertThat(w.find("#reconProgress").isDisplayed()).isFalse();

        // counts per kind, against the run before
        WebElement mismatch = w.find("#reconKinds tr[data-kind='FEEDER_MISMATCH']");
        assertThat(text(mismatch, "td:first-child")).isEqualTo("线变关系不一致");
        assertThat(text(mismatch, ".change")).isEqualTo("▲ +1");
        for (String kind : new String[] {"UNKNOWN_TRANSFORMER", "AREA_WITHOUT_TRANSFORMER"}) {
            assertThat(w.find("#reconKinds tr[data-kind='" + kind + "'] .delta").getAttribute("data-delta")).as(kind).isEqualTo("1");
        }
        assertThat(text(w.find("#reconKinds tr[data-kind='BEYOND_SUPPLY_RADIUS']"), ".change")).isEqualTo("= 0");

        // the whole run downloads; the link names this run
        String csv = w.find("#reconCsv").getAttribute("href");
        assertThat(csv).endsWith("/api/reconciliation/runs/" + after + "/findings.csv");
        assertThat(w.find("#reconXlsx").getAttribute("href")).endsWith("/runs/" + after + "/findings.xlsx");
        assertThat(http.withBasicAuth("gis", "gis123").getForObject(csv.substring(csv.indexOf("/api/")), String.class))
                .contains(",P-2,", ",P-3,");

        // one kind, one service unit: P-2 with both systems' feeders; acknowledge it
        mismatch.findElement(By.cssSelector("button.open-kind")).click();
        w.wait.until(d -> "FEEDER_MISMATCH||0".equals(w.find("#reconFindingsCard").getAttribute("data-loaded")));
        w.find("#reconUnit").sendKeys(UNIT);
        w.find("#reconFilter").click();
        w.wait.until(d -> ("FEEDER_MISMATCH|" + UNIT + "|0").equals(w.find("#reconFindingsCard").getAttribute("data-loaded")));
        assertThat(w.all("#reconFindings tbody tr")).hasSize(1);
        WebElement p2 = w.find("#reconFindings tr[data-subject='P-2']");
        assertThat(text(p2, ".customer")).isEqualTo("P-2");
        assertThat(text(p2, ".transformer")).isEqualTo("T-PG-1");
        assertThat(text(p2, ".evidence")).contains("F-PG-9", "F-PG-1");
        assertThat(text(p2, ".finding-status")).isEqualTo("待处理");
        assertThat(w.find("#reconPage").getText()).isEqualTo("1 / 1 · 1 条");
        p2.findElement(By.cssSelector("button.acknowledge")).click();
        w.wait.until(d -> "ACKNOWLEDGED".equals(w.find("#reconFindings tr[data-subject='P-2']").getAttribute("data-status")));
        WebElement acknowledged = w.find("#reconFindings tr[data-subject='P-2']");
        assertThat(text(acknowledged, ".finding-status")).isEqualTo("已确认");
        assertThat(acknowledged.findElements(By.cssSelector("button.acknowledge"))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT status || ' ' || acknowledged_by FROM reconciliation.finding"
                + " WHERE id = md5('FEEDER_MISMATCH:P-2')::uuid", String.class)).isEqualTo("ACKNOWLEDGED gis");
        w.screenshot("gis-reconciliation");
        w.screenshot("gis-reconciliation-panel", "#reconciliation");

        // a finding with a location centres the map on it
        w.find("#reconKinds tr[data-kind='BEYOND_SUPPLY_RADIUS'] button.open-kind").click();
        w.wait.until(d -> ("BEYOND_SUPPLY_RADIUS|" + UNIT + "|0").equals(w.find("#reconFindingsCard").getAttribute("data-loaded")));
        WebElement p4 = w.find("#reconFindings tr[data-subject='P-4']");
        assertThat(text(p4, ".evidence")).matches("距离 3,1\\d\\d m \\(半径 \\d+ m\\).*");
        p4.findElement(By.cssSelector(".customer")).click();
        w.wait.until(d -> w.overlay("site") == 1);
        assertThat(((Number) w.mapReport().get("zoom")).doubleValue()).isGreaterThan(12);

        // a kind larger than a page (the sample grid's transformers without customers) pages on
        w.find("#reconUnit").clear();
        WebElement idle = w.find("#reconKinds tr[data-kind='TRANSFORMER_WITHOUT_CUSTOMERS']");
        long total = Long.parseLong(text(idle, ".found").replaceAll("\\D", ""));
        assertThat(total).as("fixture: more than one page of 100").isGreaterThan(100);
        long pages = (total + 99) / 100;
        idle.findElement(By.cssSelector("button.open-kind")).click();
        w.wait.until(d -> "TRANSFORMER_WITHOUT_CUSTOMERS||0".equals(w.find("#reconFindingsCard").getAttribute("data-loaded")));
        assertThat(w.all("#reconFindings tbody tr")).hasSize(100);
        assertThat(w.find("#reconPrev").isEnabled()).isFalse();
        w.find("#reconNext").click();
        w.wait.until(d -> "TRANSFORMER_WITHOUT_CUSTOMERS||1".equals(w.find("#reconFindingsCard").getAttribute("data-loaded")));
        assertThat(w.find("#reconPage").getText()).startsWith("2 / " + pages + " · ");
        assertThat(w.find("#reconPrev").isEnabled()).isTrue();
    }
}

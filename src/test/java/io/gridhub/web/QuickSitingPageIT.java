package io.gridhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A customer manager asks "where could this site connect?" before any case exists: the candidates
 * are drawn on the map coloured by pass/fail, and the table shows every check.
 */
@HubIntegrationTest
class QuickSitingPageIT extends InBrowser {

    @Autowired JdbcTemplate jdbc;

    @Test
    void aCustomerManagerTypesASiteAndSeesTheCandidatesDrawnAndChecked() throws Exception {
        Map<String, Object> t = jdbc.queryForMap("""
                SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM grid.distribution_transformer
                WHERE lifecycle = 'IN_SERVICE' AND feed_id = 'ordos-sample' ORDER BY id LIMIT 1 OFFSET 40""");
        double lon = ((Number) t.get("lon")).doubleValue() + 0.0008;
        double lat = ((Number) t.get("lat")).doubleValue() + 0.0005;

        Workspace w = workspace().loginAs("cm").open("/siting.html");
        assertThat(w.navigation()).contains("/siting.html", "/cases.html").doesNotContain("/gis.html", "/admin.html");
        w.find("#lon").sendKeys(String.valueOf(lon));
        w.find("#lat").sendKeys(String.valueOf(lat));
        WebElement kva = w.find("#requestedKva");
        kva.clear();
        kva.sendKeys("250");
        w.find("#search").click();
        w.wait.until(d -> "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-answered")));

        List<WebElement> rows = w.all("#candidates tbody tr.clickable");
        assertThat(rows).isNotEmpty();
        long passed = rows.stream().filter(r -> "true".equals(r.getAttribute("data-passed"))).count();
        long failed = rows.size() - passed;
        // every candidate in the table is on the map, in its colour, with the site
        assertThat(w.overlay("candidatePassed")).isEqualTo(passed);
        assertThat(w.overlay("candidateFailed")).isEqualTo(failed);
        assertThat(w.overlay("site")).isEqualTo(1);
        assertThat(w.overlay("path")).isEqualTo(1);
        // each candidate's checks: rule, value, limit, unit, result
        List<WebElement> checks = w.all("#candidates table.checks tbody tr");
        assertThat(checks.size()).isGreaterThanOrEqualTo(rows.size());
        assertThat(checks.get(0).findElements(By.tagName("td"))).hasSize(6);
        assertThat(checks.get(0).findElements(By.tagName("td")).get(4).getText()).isIn("通过", "不通过");
        // the capacity layer around the site came from the vector tiles, and the canvas is not blank
        assertThat(w.drawn("capacity")).isPositive();
        assertThat(w.paintedPixels()).isGreaterThan(1000);
        w.screenshot("quick-siting");
    }

    @Test
    void aSiteFromAPhoneMapIsConvertedToCgcs2000() {
        Workspace w = workspace().loginAs("cm").open("/siting.html");
        // 109.7800, 39.6100 as Amap (GCJ-02) shows it: several hundred metres off CGCS2000
        w.find("#lon").sendKeys("109.7860");
        w.find("#lat").sendKeys("39.6110");
        new Select(w.find("#crs")).selectByValue("GCJ-02");
        w.find("#search").click();
        w.wait.until(d -> "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-answered")));
        String[] shown = w.find("#siteShown").getText().replace(" CGCS2000", "").split(",\\s*");
        assertThat(Double.parseDouble(shown[0])).isBetween(109.77, 109.785);
        assertThat(w.find("#answer").getText()).contains("GCJ-02");
    }
}

package io.gridhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.gridhub.HubIntegrationTest;
import io.gridhub.feeds.MapServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The GIS analyst's page: feeds with their last runs, "run now" against a real MapServer WFS with
 * live progress until the run is done, the quarantine browser and the capacity map of the whole grid.
 */
@HubIntegrationTest
@ExtendWith(MapServerExtension.class)
class GisWorkspaceIT extends InBrowser {

    static final String FEED = "test-workspace-wfs";

    @Test
    void theGisAnalystRunsAFeedAndWatchesItsProgressReachDone() throws Exception {
        Workspace w = workspace().loginAs("gis").open("/gis.html");
        assertThat(w.navigation()).contains("/gis.html", "/siting.html").doesNotContain("/admin.html", "/dispatch.html");
        WebElement row = w.find("#feeds tr[data-feed='" + FEED + "']");
        row.findElement(By.cssSelector("button.run")).click();

        // The row is redrawn from the run resource while the run goes: collect what it showed.
        List<String> statuses = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        // Read atomically in the page: the row is replaced at each poll.
        String state = "var r = document.querySelector(\"#feeds tr[data-feed='" + FEED + "']\");"
                + " var b = r && r.querySelector('.badge.status'), p = r && r.querySelector('.progress');"
                + " return b && p ? [b.textContent, p.dataset.share] : null;";
        new WebDriverWait(browser, Duration.ofSeconds(180)).pollingEvery(Duration.ofMillis(200)).until(d -> {
            @SuppressWarnings("unchecked")
            List<String> s = (List<String>) browser.executeScript(state);
            if (s == null) {
                return false;
            }
            statuses.add(s.get(0));
            shares.add(Double.parseDouble(s.get(1)));
            return "完成".equals(s.get(0));
        });
        assertThat(statuses).as("the run was seen running, then done").contains("运行中");
        WebElement done = w.find("#feeds tr[data-feed='" + FEED + "']");
        assertThat(done.findElement(By.cssSelector(".counts")).getText())
                .startsWith(MapServerExtension.POLES + " / ");
        assertThat(shares.get(shares.size() - 1)).isEqualTo(1.0);
        assertThat(w.find("#message").getText()).contains(FEED);
        assertThat(done.findElement(By.cssSelector(".freshness")).getText()).isEqualTo("1 小时内");

        done.findElement(By.cssSelector("button.show-quarantine")).click();
        w.wait.until(d -> browser.findElement(By.id("quarantineCard")).isDisplayed());
        assertThat(w.find("#quarantineRun").getText()).contains(FEED);

        // the whole grid's open capacity, coloured with a legend
        assertThat(w.drawn("capacity")).isPositive();
        assertThat(w.paintedPixels()).isGreaterThan(1000);
        assertThat(w.all("#legend span")).hasSize(5);
        w.screenshot("gis-feeds");
    }
}

package io.gridhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person opens the workspace in a real browser: the login page in Chinese, then the grid they have. */
@HubIntegrationTest
class WorkspaceLoginIT extends InBrowser {


    @Test
    void aCustomerManagerLogsInAndSeesTheGridInChinese() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/login.html?lang=zh-CN");
        browser.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.urlContains("/login.html"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("h2"), "登录"));

        browser.findElement(By.id("username")).sendKeys("cm");
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("用户名或密码错误");

        browser.findElement(By.id("username")).sendKeys("cm");
        browser.findElement(By.id("password")).sendKeys("cm123");
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#summary tr[data-type='SUBSTATION']")));

        WebElement substations = browser.findElement(By.cssSelector("#summary tr[data-type='SUBSTATION']"));
        assertThat(substations.findElement(By.cssSelector("td")).getText()).isEqualTo("变电站");
        assertThat(Integer.parseInt(substations.findElements(By.cssSelector("td")).get(1).getText().replace(",", "")))
                .isPositive();
        assertThat(browser.findElement(By.id("user")).getText()).contains("cm").contains("CUSTOMER_MANAGER");
        // the grid map on the home page drew the sample grid from the vector tiles
        Workspace w = workspace();
        w.waitReady();
        assertThat(w.drawn("grid")).isPositive();
        assertThat(w.paintedPixels()).isGreaterThan(1000);
        w.screenshot("workspace-home");
    }

    @Test
    void englishIsTheFallbackWhenAsked() {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/login.html?lang=en");
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBe(By.cssSelector("h2"), "Sign in"));
        assertThat(browser.findElement(By.id("submit")).getText()).isEqualTo("Sign in");
        browser.executeScript("localStorage.removeItem('hub.lang')");
    }
}

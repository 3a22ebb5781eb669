package io.gridhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person opens the workspace in a real browser: the login page in Chinese, then the grid they have. */
@HubIntegrationTest
class WorkspaceLoginIT {

    static ChromeDriver browser;

    @LocalServerPort int port;

    @BeforeAll
    static void open() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

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
        Path shot = Path.of("target", "screenshots", "workspace-home.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
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

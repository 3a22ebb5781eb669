package io.gridhub.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at the workspace in a real headless Chromium: logs in through the login form, opens
 * pages, waits until a page says it is ready, asks the map what it drew and saves screenshots
 * under target/screenshots.
 */
final class Workspace {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver browser;
    final int port;
    final WebDriverWait wait;

    Workspace(ChromeDriver browser, int port) {
        this.browser = browser;
        this.port = port;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // the pages re-render a panel when its data arrives: an element found a moment ago may be gone
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Logs out whoever was in and logs {@code user} in (password = user + "123"), in Chinese. */
    Workspace loginAs(String user) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login.html?lang=zh-CN"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("h2"), "登录"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "123");
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        return this;
    }

    /** Opens a page and waits until its script has loaded what it shows (body[data-ready]). */
    Workspace open(String path) {
        browser.get(url(path));
        waitReady();
        return this;
    }

    void waitReady() {
        wait.until(d -> "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    /** What the first map on the page drew, once it has finished rendering (window.hubMapReport). */
    @SuppressWarnings("unchecked")
    Map<String, Object> mapReport() {
        wait.until(d -> {
            List<Map<String, Object>> r = (List<Map<String, Object>>) browser.executeScript("return window.hubMapReport()");
            return !r.isEmpty() && Boolean.TRUE.equals(r.get(0).get("rendered"));
        });
        // rendercomplete fires once all tiles in view are drawn; ask again for the settled state
        return ((List<Map<String, Object>>) browser.executeScript("return window.hubMapReport()")).get(0);
    }

    @SuppressWarnings("unchecked")
    long drawn(String layer) {
        Object n = ((Map<String, Object>) mapReport().get("drawn")).get(layer);
        return n == null ? 0 : ((Number) n).longValue();
    }

    @SuppressWarnings("unchecked")
    long overlay(String kind) {
        Object n = ((Map<String, Object>) mapReport().get("overlay")).get(kind);
        return n == null ? 0 : ((Number) n).longValue();
    }

    long paintedPixels() {
        return ((Number) browser.executeScript("return window.hubMapPaintedPixels()")).longValue();
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    List<String> navigation() {
        return all("#nav a").stream().map(a -> a.getAttribute("data-page")).toList();
    }

    /** One element of the page (a panel), scrolled into view, as a test artifact. */
    void screenshot(String name, String css) throws Exception {
        WebElement e = find(css);
        // an element shot is clipped to the window: grow the window to hold the whole panel
        save(name, e.getSize().getHeight() + 200, () -> {
            browser.executeScript("arguments[0].scrollIntoView()", e);
            return e.getScreenshotAs(OutputType.BYTES);
        });
    }

    /** The whole page (the window grown to its height for the shot), as a test artifact. */
    void screenshot(String name) throws Exception {
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
        save(name, height + 120, () -> browser.getScreenshotAs(OutputType.BYTES));
    }

    private void save(String name, long height, java.util.concurrent.Callable<byte[]> shot) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Dimension size = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(Math.max(height, size.getHeight()), 3000)));
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), shot.call());
        } finally {
            browser.manage().window().setSize(size);
        }
    }
}

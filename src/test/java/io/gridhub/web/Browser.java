package io.gridhub.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, installed by ./hub test),
 * never a browser downloaded at test time. Background networking is off: this machine has no
 * network beyond loopback and Chromium would otherwise keep trying.
 */
final class Browser {

    private Browser() {
    }

    static ChromeDriver start() throws Exception {
        String binary = System.getProperty("hub.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("hub.chromedriver", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(binary)) || !Files.isExecutable(Path.of(driver))) {
            throw new IllegalStateException("Chromium or chromedriver missing (" + binary + ", " + driver
                    + "): ./hub test installs Debian's chromium and chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory("gridhub-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(driver).toFile()).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(0));
        return browser;
    }
}

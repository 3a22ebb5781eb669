package io.gridhub.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A test class that drives one headless Chromium for all its tests, against the hub on its random port. */
abstract class InBrowser {

    static ChromeDriver browser;

    @LocalServerPort int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    Workspace workspace() {
        return new Workspace(browser, port);
    }
}

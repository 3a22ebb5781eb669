package io.gridhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** Who may open which workspace page: every role against every page, and strangers sent to log in. */
@HubIntegrationTest
class WorkspacePagesAccessIT {

    @Autowired TestRestTemplate http;

    /** page → the roles (demo users) that may open it; everyone else gets 403. */
    static final Map<String, List<String>> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("/index.html", List.of("cm", "pm", "gis", "dispatcher", "admin"));
        PAGES.put("/siting.html", List.of("cm", "pm", "gis", "admin"));
        PAGES.put("/cases.html", List.of("cm", "pm", "dispatcher", "admin"));
        PAGES.put("/case.html", List.of("cm", "pm", "dispatcher", "admin"));
        PAGES.put("/dispatch.html", List.of("dispatcher", "admin"));
        PAGES.put("/gis.html", List.of("gis", "admin"));
        PAGES.put("/admin.html", List.of("admin"));
    }

    @Test
    void eachRoleOpensItsPagesAndNoOther() {
        for (Map.Entry<String, List<String>> page : PAGES.entrySet()) {
            for (String user : List.of("cm", "pm", "gis", "dispatcher", "admin")) {
                HttpStatus expected = page.getValue().contains(user) ? HttpStatus.OK : HttpStatus.FORBIDDEN;
                assertThat(http.withBasicAuth(user, user + "123").getForEntity(page.getKey(), String.class).getStatusCode())
                        .as(user + " " + page.getKey()).isEqualTo(expected);
            }
        }
    }

    @Test
    void strangersAreSentToTheLoginPageAndTheMapLibraryComesFromTheJar() {
        for (String page : PAGES.keySet()) {
            // the test client follows the redirect: what a stranger ends on is the login form
            var answer = http.getForEntity(page, String.class);
            assertThat(answer.getStatusCode()).as(page).isEqualTo(HttpStatus.OK);
            assertThat(answer.getBody()).as(page).contains("action=\"/login\"").doesNotContain("hub.js");
        }
        var ol = http.withBasicAuth("cm", "cm123").getForEntity("/webjars/ol/dist/ol.js", String.class);
        assertThat(ol.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ol.getBody()).startsWith("var ol=");
        assertThat(http.withBasicAuth("cm", "cm123").getForEntity("/api/map/settings", String.class).getBody())
                .contains("\"baseMapUrl\":\"\"");
    }
}

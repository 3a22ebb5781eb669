package io.gridhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.feeds.FeedCatalog;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The hub as a whole: it starts, loads its routes and the sample grid, reports health, and guards its doors. */
@HubIntegrationTest
class GridHubApplicationIT {

    @Autowired TestRestTemplate http;
    @Autowired CamelContext camel;
    @Autowired FeedCatalog feeds;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void routesFromTheRoutesFolderAreLoadedAndStarted() {
        Set<String> ids = camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet());
        assertThat(ids).contains("mis-requests", "feed-runs", "file-drop-ordos-sample");
        // every configured feed has its own route, whatever triggers it, named after the feed
        assertThat(feeds.all()).isNotEmpty();
        for (String feed : feeds.all().keySet()) {
            assertThat(ids).contains("feed-" + feed);
            assertThat(camel.getRoute("feed-" + feed).getGroup()).isEqualTo("feeds");
        }
        for (Route route : camel.getRoutes()) {
            assertThat(camel.getRouteController().getRouteStatus(route.getRouteId()))
                    .as(route.getRouteId()).isEqualTo(ServiceStatus.Started);
        }
    }

    @Test
    void healthIsUpWithDatabaseBrokerAndCamel() throws Exception {
        ResponseEntity<String> health = http.withBasicAuth("admin", "admin123").getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(health.getBody());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        for (String component : new String[] {"db", "jms", "camelHealth"}) {
            assertThat(body.path("components").path(component).path("status").asText()).as(component).isEqualTo("UP");
        }
        // The probe needs no login, but gives no details without one.
        ResponseEntity<String> anonymous = http.getForEntity("/actuator/health", String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(anonymous.getBody()).doesNotContain("PostgreSQL");
    }

    @Test
    void theSampleOrdosGridIsLoadedAndCountedThroughTheApi() throws Exception {
        ResponseEntity<String> summary = http.withBasicAuth("cm", "cm123").getForEntity("/api/grid/summary", String.class);
        assertThat(summary.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(summary.getBody());
        for (String type : new String[] {"SUBSTATION", "MAIN_TRANSFORMER", "BUSBAR", "FEEDER", "FEEDER_SECTION",
                "POLE", "RING_MAIN_UNIT", "DISTRIBUTION_TRANSFORMER"}) {
            assertThat(body.path("inService").path(type).asLong()).as(type).isPositive();
        }
        assertThat(body.path("measuredLoads").asLong()).isPositive();
        // The extent lies in Ordos (106.7–111.5°E, 37.6–40.9°N).
        JsonNode extent = body.path("extent");
        assertThat(extent.get(0).asDouble()).isBetween(106.7, 111.5);
        assertThat(extent.get(1).asDouble()).isBetween(37.6, 40.9);
        assertThat(extent.get(2).asDouble()).isBetween(106.7, 111.5);
        assertThat(extent.get(3).asDouble()).isBetween(37.6, 40.9);
    }

    @Test
    void theApiNeedsALogin() throws Exception {
        assertThat(http.getForEntity("/api/grid/summary", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("cm", "wrong").getForEntity("/api/grid/summary", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // A browser is sent to the login page instead.
        HttpResponse<String> page = get("/", "text/html", null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(URI.create(page.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/login.html");
    }

    @Test
    void eachDemoRoleCanLogInAndSeesItsRole() throws Exception {
        String[][] users = {{"cm", "CUSTOMER_MANAGER"}, {"pm", "PROJECT_MANAGER"}, {"gis", "GIS_ANALYST"},
                {"dispatcher", "DISPATCHER"}, {"admin", "ADMIN"}};
        for (String[] u : users) {
            ResponseEntity<String> me = http.withBasicAuth(u[0], u[0] + "123").getForEntity("/api/me", String.class);
            assertThat(me.getStatusCode()).as(u[0]).isEqualTo(HttpStatus.OK);
            assertThat(json.readTree(me.getBody()).path("roles").get(0).asText()).isEqualTo(u[1]);
        }
    }

    @Test
    void theLoginFormNeedsTheCsrfTokenAndThenOpensASession() throws Exception {
        // Without the token from the XSRF-TOKEN cookie the form is refused.
        assertThat(postForm("/login", "username=cm&password=cm123", null).statusCode()).isEqualTo(403);

        HttpResponse<String> page = get("/login.html", "text/html", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"/login\"");
        String token = cookie(page, "XSRF-TOKEN");
        HttpResponse<String> login = postForm("/login", "username=cm&password=cm123&_csrf=" + token, "XSRF-TOKEN=" + token);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(URI.create(login.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/");
        HttpResponse<String> me = get("/api/me", "application/json", "JSESSIONID=" + cookie(login, "JSESSIONID"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"cm\"");

        HttpResponse<String> wrong = postForm("/login", "username=cm&password=nope&_csrf=" + token, "XSRF-TOKEN=" + token);
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login.html?error");
    }

    // A plain client that neither follows redirects nor keeps cookies, to see what a browser is told.
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    @LocalServerPort int port;

    private HttpResponse<String> get(String path, String accept, String cookie) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept);
        if (cookie != null) {
            r.header("Cookie", cookie);
        }
        return browser.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, String form, String cookie) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            r.header("Cookie", cookie);
        }
        return browser.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie"));
    }

    @Test
    void prometheusExposesCamelRouteMetrics() {
        ResponseEntity<String> metrics = http.withBasicAuth("admin", "admin123").getForEntity("/actuator/prometheus", String.class);
        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(metrics.getBody()).contains("routeId=\"mis-requests\"");
        assertThat(metrics.getBody()).contains("routeId=\"feed-ordos-sample\"", "routeId=\"file-drop-ordos-sample\"");
        ResponseEntity<String> routes = http.withBasicAuth("admin", "admin123").getForEntity("/actuator/camelroutes",
                String.class);
        assertThat(routes.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(routes.getBody()).contains("\"feed-ordos-sample\"", "\"feed-runs\"");
        assertThat(metrics.getBody()).contains("hikaricp_connections");
    }

    @Test
    void openApiDescribesTheRestApi() throws Exception {
        ResponseEntity<String> docs = http.withBasicAuth("cm", "cm123").getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(docs.getBody()).path("paths").has("/api/grid/summary")).isTrue();
    }
}

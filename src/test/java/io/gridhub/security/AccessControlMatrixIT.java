package io.gridhub.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.HubIntegrationTest;
import jakarta.jms.JMSSecurityException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may call what (issue 11): every endpoint against every principal, anonymous included.
 * Allowed means neither 401 nor 403 (a 400 or 404 proves the request got past security); not
 * allowed means 401 for anonymous, 403 for a logged-in user; never a 5xx. One row per endpoint:
 * a new endpoint is one more line in {@link #MATRIX}.
 */
@HubIntegrationTest
class AccessControlMatrixIT {

    static final String ANONYMOUS = "anonymous";
    /** Every principal the matrix tries: anonymous, then one demo user per role. */
    static final List<String> PRINCIPALS = List.of(ANONYMOUS, "cm", "pm", "gis", "dispatcher", "admin");
    static final Set<String> LOGGED_IN = Set.of("cm", "pm", "gis", "dispatcher", "admin");
    static final Set<String> EVERYONE = Set.of(ANONYMOUS, "cm", "pm", "gis", "dispatcher", "admin");
    static final Set<String> FEED_OPERATORS = Set.of("gis", "admin");
    static final Set<String> ADMINS = Set.of("admin");
    /** Who works with cases: everyone but the GIS team (a customer manager sees only the own unit's). */
    static final Set<String> CASE_READERS = Set.of("cm", "pm", "dispatcher", "admin");
    static final Set<String> DISPATCHERS = Set.of("dispatcher", "admin");
    /** A counter case of the demo customer manager's unit (东胜供电所): cm registers it, admin is told it exists. */
    static final String COUNTER_CASE = """
            {"caseNo": "ACM-1", "customerName": "矩阵测试", "address": "东胜区 测试路 1 号",
             "site": {"lon": 109.98, "lat": 39.82, "crs": "EPSG:4490"}, "requestedKva": 50,
             "customerCategory": "RESIDENTIAL", "importance": "NORMAL", "channel": "COUNTER",
             "serviceUnit": "东胜供电所", "customerManager": "cm", "projectManager": "pm"}
            """;

    /** An endpoint and who may call it. */
    record Row(HttpMethod method, String path, String jsonBody, Set<String> allowed) {}

    static Row get(String path, Set<String> allowed) {
        return new Row(HttpMethod.GET, path, null, allowed);
    }

    static Row post(String path, String body, Set<String> allowed) {
        return new Row(HttpMethod.POST, path, body, allowed);
    }

    static final List<Row> MATRIX = List.of(
            get("/api/me", LOGGED_IN),
            get("/api/feeds", LOGGED_IN),
            get("/api/feeds/runs/00000000-0000-0000-0000-000000000000", LOGGED_IN),
            get("/api/feeds/runs/00000000-0000-0000-0000-000000000000/quarantine", LOGGED_IN),
            post("/api/feeds/no-such-feed/runs", null, FEED_OPERATORS),
            post("/api/feeds/no-such-feed/runs?force=true", null, Set.of("gis")),
            get("/api/grid/summary", LOGGED_IN),
            get("/api/grid/assets?type=substation&limit=1", LOGGED_IN),
            get("/api/grid/capacity?type=windmill", LOGGED_IN),
            post("/api/siting/candidates", "{}", LOGGED_IN),
            get("/api/cases", CASE_READERS),
            post("/api/cases", COUNTER_CASE, Set.of("cm", "admin")),
            get("/api/dispatch/warnings", DISPATCHERS),
            get("/api/dispatch/follow-ups", DISPATCHERS),
            post("/api/dispatch/follow-ups/999999999", "{\"status\": \"UNREACHABLE\"}", DISPATCHERS),
            get("/api/cases/NO-SUCH-CASE/audit", ADMINS),
            get("/api/plans/00000000-0000-0000-0000-000000000000", CASE_READERS),
            get("/api/reconciliation/runs?limit=1", LOGGED_IN),
            get("/api/reconciliation/runs/00000000-0000-0000-0000-000000000000", LOGGED_IN),
            post("/api/reconciliation/findings/00000000-0000-0000-0000-000000000000/acknowledge", null, FEED_OPERATORS),
            get("/api/gis-edits/pending", LOGGED_IN),
            post("/api/gis-edits/00000000-0000-0000-0000-000000000000/confirm", null, FEED_OPERATORS),
            get("/api/map/settings", LOGGED_IN),
            get("/tiles/grid/0/0/0.mvt", LOGGED_IN),
            get("/tiles/capacity/0/0/0.mvt", LOGGED_IN),
            get("/api/admin/users", ADMINS),
            get("/v3/api-docs", LOGGED_IN),
            get("/actuator/health", EVERYONE),
            get("/actuator/info", EVERYONE),
            get("/actuator/prometheus", ADMINS),
            get("/actuator/metrics", ADMINS),
            get("/actuator/camelroutes", ADMINS));

    @Autowired
    TestRestTemplate http;
    @Value("${hub.broker.port}")
    int brokerPort;

    @LocalServerPort
    int port;

    /** No cookie handler: nothing of one call reaches the next. */
    static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();

    /** One request as a fresh client: no cookie, no session carried over from another principal's call. */
    ResponseEntity<String> call(String principal, Row row) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + row.path()))
                .method(row.method().name(), row.jsonBody() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(row.jsonBody()))
                .header("Content-Type", MediaType.APPLICATION_JSON_VALUE);
        if (!ANONYMOUS.equals(principal)) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (principal + ":" + principal + "123").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        try {
            java.net.http.HttpResponse<String> r = CLIENT.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return ResponseEntity.status(r.statusCode()).body(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyEndpointAnswersEachPrincipalAsIntended() {
        List<String> wrong = new ArrayList<>();
        for (Row row : MATRIX) {
            for (String principal : PRINCIPALS) {
                HttpStatus status = HttpStatus.valueOf(call(principal, row).getStatusCode().value());
                boolean allowed = row.allowed().contains(principal);
                boolean ok = status.is5xxServerError() ? false
                        : allowed ? status != HttpStatus.UNAUTHORIZED && status != HttpStatus.FORBIDDEN
                        : status == (ANONYMOUS.equals(principal) ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN);
                if (!ok) {
                    wrong.add(row.method() + " " + row.path() + " as " + principal + ": " + status.value()
                            + (allowed ? " (should be allowed)" : " (should be refused)"));
                }
            }
        }
        assertThat(wrong).as("answers that differ from the matrix").isEmpty();
    }

    @Test
    void healthDetailsOnlyForAdmins() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String principal : PRINCIPALS) {
            JsonNode health = json.readTree(call(principal, get("/actuator/health", EVERYONE)).getBody());
            assertThat(health.path("status").asText()).as(principal).isNotEmpty();
            boolean details = health.path("components").path("db").has("details");
            assertThat(details).as("health details for " + principal).isEqualTo(ADMINS.contains(principal));
        }
    }

    @Test
    void anonymousBrokerConnectionsAreRefused() {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        assertThatThrownBy(() -> {
            try (cf; var c = cf.createConnection()) {
                c.start();
            }
        }).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> {
            try (var c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort).createConnection("mis", "wrong")) {
                c.start();
            }
        }).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void repeatedWrongPasswordsLockTheLoginNameRightPasswordIncluded() {
        TestRestTemplate right = http.withBasicAuth("throttled", "right-password");
        assertThat(right.getForEntity("/api/me", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        for (int i = 0; i < 5; i++) {
            assertThat(http.withBasicAuth("throttled", "guess-" + i).getForEntity("/api/me", String.class).getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(right.getForEntity("/api/me", String.class).getStatusCode()).as("locked after 5 failures")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("dispatcher", "dispatcher123").getForEntity("/api/me", String.class).getStatusCode())
                .as("other login names are not affected").isEqualTo(HttpStatus.OK);
    }
}

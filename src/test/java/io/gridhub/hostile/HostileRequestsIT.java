package io.gridhub.hostile;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.gridhub.HubIntegrationTest;
import io.gridhub.hostile.Outcomes.Outcome;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.spring.JqwikSpringSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite, REST side (issue 11): generated parameters and bodies with SQL
 * metacharacters, path traversal, huge and non-finite numbers, control characters and broken JSON
 * against the running test hub, one HTTP request each (no new context). Each must get a 2xx or a
 * clear 4xx problem document, never a 5xx; afterwards the hub still serves and no table lost a row.
 */
@JqwikSpringSupport
@HubIntegrationTest
class HostileRequestsIT {

    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final List<String> NASTY = List.of("'; DROP TABLE grid.pole; --", "1 OR 1=1", "substation' --", "../../etc/passwd",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "NaN", "Infinity", "-Infinity", "1e999999999", "-1", "0", "2147483648",
            "99999999999999999999", "\u0000", "\u0001", "\uFFFF", "<script>", "${jndi:ldap://x}", "null", "", " ",
            "109.9,39.8,110,40", "110,40,109,39", "1,2,3", "a,b,c,d", "NaN,NaN,NaN,NaN", "东胜", "x".repeat(5000));

    @Autowired
    JdbcTemplate jdbc;
    @Value("${local.server.port}")
    int port;

    @AfterContainer
    static void report() {
        Outcomes.write("REST parameters and bodies (HostileRequestsIT)");
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.of(NASTY), Arbitraries.strings().ofMaxLength(30),
                Arbitraries.doubles().map(Object::toString), Arbitraries.integers().map(Object::toString));
    }

    @Provide
    Arbitrary<String> getPaths() {
        Arbitrary<String> v = values().map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8));
        return Arbitraries.oneOf(
                Combinators.combine(v, v, v).as((t, b, l) -> "/api/grid/assets?type=" + t + "&bbox=" + b + "&limit=" + l),
                Combinators.combine(v, v).as((b, t) -> "/api/grid/capacity?bbox=" + b + "&type=" + t),
                Combinators.combine(v, v, v).as((r, l, o) -> "/api/feeds/runs/" + r + "/quarantine?limit=" + l + "&offset=" + o),
                v.map(r -> "/api/feeds/runs/" + r),
                v.map(f -> "/api/feeds/" + f + "/runs"));
    }

    @Provide
    Arbitrary<String> sitingBodies() {
        Arbitrary<String> raw = values().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        Arbitrary<String> number = Arbitraries.of("107.2", "39.1", "1e999", "-1e999", "NaN", "null", "400", "-5", "1e308", "[]", "{}");
        Arbitrary<String> field = Arbitraries.oneOf(raw, number);
        return Combinators.combine(field, field, field, field, field, Arbitraries.integers().between(0, 100))
                .as((lon, lat, kva, cat, imp, cut) -> {
                    String body = "{\"lon\":" + lon + ",\"lat\":" + lat + ",\"crs\":" + cat + ",\"requestedKva\":" + kva
                            + ",\"customerCategory\":" + cat + ",\"importance\":" + imp + "}";
                    return cut < 85 ? body : body.substring(0, body.length() * (cut - 84) / 17);
                });
    }

    int send(HttpRequest.Builder request) throws Exception {
        request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("pm:pm123".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(request.build().uri() + " → " + r.body()).isLessThan(500);
        return r.statusCode();
    }

    void count(String family, int status) {
        assertThat(status).isNotIn(401, 403);
        Outcomes.count(family, status < 300 ? Outcome.ACCEPTED : Outcome.REFUSED);
    }

    @Property(tries = 250)
    void hostileQueryParameters(@ForAll("getPaths") String path) throws Exception {
        URI uri;
        try {
            uri = URI.create("http://127.0.0.1:" + port + path);
        } catch (IllegalArgumentException e) {
            return; // not even a URI: no client could send it
        }
        int status = send(HttpRequest.newBuilder(uri).GET());
        count("REST query parameters and path segments", status == 404 ? 400 : status);
    }

    @Property(tries = 250)
    void hostileSitingBodies(@ForAll("sitingBodies") String body) throws Exception {
        int status = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/siting/candidates"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        count("REST siting request bodies", status);
    }

    @Property(tries = 1)
    void theHubStillServesAndNothingWasDropped() throws Exception {
        long poles = jdbc.queryForObject("SELECT count(*) FROM grid.pole", Long.class);
        assertThat(poles).isPositive();
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT to_regclass('grid.pole') IS NOT NULL", Boolean.class)).isTrue();
    }
}

package io.gridhub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The case and plan HTTP API as a test calls it: one user, JSON in and out. */
record CaseApi(TestRestTemplate http, String user) {

    private static final ObjectMapper JSON = new ObjectMapper();

    ResponseEntity<String> call(HttpMethod method, String path, String body, String ifMatch) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            h.setIfMatch(ifMatch);
        }
        return http.withBasicAuth(user, user + "123") // demo users: password = name + "123"
                .exchange(path, method, new HttpEntity<>(body, h), String.class);
    }

    ResponseEntity<String> post(String path, String body) {
        return call(HttpMethod.POST, path, body, null);
    }

    ResponseEntity<String> get(String path) {
        return call(HttpMethod.GET, path, null, null);
    }

    static JsonNode json(ResponseEntity<String> r) {
        try {
            return JSON.readTree(r.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.getBody(), e);
        }
    }

    /** A case body for the fixture's site. */
    static String newCase(String caseNo, String unit, String power, String category, String extra) {
        return """
                {"caseNo": "%s", "customerName": "测试客户 %s", "address": "鄂托克前旗 测试路 1 号",
                 "site": {"lon": %s, "lat": %s, "crs": "EPSG:4490"}, %s,
                 "customerCategory": "%s", "importance": "NORMAL", "channel": "COUNTER",
                 "serviceUnit": "%s", "customerManager": "cm", "projectManager": "pm"%s}
                """.formatted(caseNo, caseNo, CasesGridFixture.SITE_LON, CasesGridFixture.SITE_LAT, power, category,
                unit, extra == null ? "" : ", " + extra);
    }
}

package io.gridhub.siting;

import io.gridhub.geo.Gcj02;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.HubIntegrationTest;
import io.gridhub.capacity.CommitmentRepository;
import io.gridhub.capacity.SupplyChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Siting over HTTP on the {@link SmallGridFixture}: every figure below is worked out there. */
@HubIntegrationTest
class SitingIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    CommitmentRepository commitments;

    private final ObjectMapper json = new ObjectMapper();
    private static SmallGridFixture fixture;

    @BeforeEach
    void fixture() {
        if (fixture == null) {
            fixture = new SmallGridFixture(jdbc, events);
            fixture.install();
            assertThat(fixture.foreignAssetsNear(3500)).as("the fixture area must hold no other feed's assets")
                    .isZero();
        }
    }

    @AfterAll
    static void removeFixture() {
        if (fixture != null) {
            fixture.remove();
            fixture = null;
        }
    }

    @Test
    void tenKvRequestRanksTheTwoPassingFeedersAndShowsWhyTheOthersFail() throws Exception {
        JsonNode a = post(body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null, "\"requestedKva\": 400",
                "GENERAL_COMMERCIAL", "NORMAL", null));
        assertThat(a.path("voltageLevel").asText()).isEqualTo("MV_10KV");
        assertThat(a.path("supplyMode").asText()).isEqualTo("SINGLE");
        List<String> order = ids(a);
        assertThat(order).containsExactly("SGF-F1", "SGF-F2", "SGF-F3", "SGF-F4", "SGF-F5");

        JsonNode f1 = a.path("candidates").get(0);
        assertThat(f1.path("rank").asInt()).isEqualTo(1);
        assertThat(f1.path("passed").asBoolean()).isTrue();
        assertThat(f1.path("distanceM").asDouble()).isCloseTo(99.9, within(0.3));
        assertThat(f1.path("routeLengthM").asDouble()).isCloseTo(129.9, within(0.5));
        assertThat(f1.path("routeMethod").asText()).isEqualTo("STRAIGHT_LINE_X_DETOUR_1.3");
        assertThat(f1.path("connectionPoint").path("type").asText()).isEqualTo("Point");
        assertThat(f1.path("connectionPoint").path("coordinates").get(0).asDouble()).isCloseTo(107.2000, within(1e-6));
        assertThat(f1.path("connectionPoint").path("coordinates").get(1).asDouble()).isCloseTo(39.1009, within(1e-6));
        assertThat(f1.path("tieIn").path("id").asText()).isEqualTo("SGF-P1");
        assertThat(f1.path("lineKind").asText()).isEqualTo("OVERHEAD");
        // F1: 6,928.2 × 0.5 − 3,000 = 464.1 kVA open, the binding link; 64.1 after.
        assertThat(f1.path("openCapacityKva").path("before").asDouble()).isCloseTo(464.1, within(0.1));
        assertThat(f1.path("openCapacityKva").path("after").asDouble()).isCloseTo(64.1, within(0.1));
        assertThat(f1.path("openCapacityKva").path("bindingAssetId").asText()).isEqualTo("SGF-F1");
        assertThat(f1.path("upstream").path("mainTransformerId").asText()).isEqualTo("SGF-MT-A1");
        assertThat(f1.path("upstream").path("substationId").asText()).isEqualTo("SGF-SUB-A");
        assertThat(check(f1, "feeder loading after connection ≤ cap").path("value").asDouble()).isCloseTo(49.1, within(0.1));
        assertThat(check(f1, "feeder loading after connection ≤ cap").path("limit").asDouble()).isEqualTo(50.0);
        assertThat(check(f1, "main transformer open capacity ≥ request").path("value").asDouble()).isEqualTo(12_500.0);
        assertThat(check(f1, "substation open capacity ≥ request").path("value").asDouble()).isEqualTo(15_000.0);
        // The older 5,000 kW peak lies outside the 12-month window: the peak term is 2,700 kW.
        JsonNode f1Terms = f1.path("capacityTerms").get(0);
        assertThat(f1Terms.path("assetId").asText()).isEqualTo("SGF-F1");
        assertThat(f1Terms.path("peakKw").asDouble()).isEqualTo(2_700.0);
        assertThat(f1Terms.path("capBasis").asText()).isEqualTo("N-1 with 1 tie");
        // cost: 0.1299 km overhead × 350,000 = 45,465 grid; 400 kVA transformer 120,000 + metering 60,000 customer
        assertThat(f1.path("estimatedCostYuan").path("grid").asDouble()).isCloseTo(45_465, within(60.0));
        assertThat(f1.path("estimatedCostYuan").path("customer").asDouble()).isEqualTo(180_000.0);
        // score: 0.4 × 95.0 + 0.3 × 1.85 + 0.3 × 80 = 62.6
        assertThat(f1.path("score").asDouble()).isCloseTo(62.6, within(0.15));
        assertThat(f1.path("scoreExplanation").asText()).contains("0.4 × distance", "0.3 × capacity", "0.3 × reliability 80");

        JsonNode f2 = a.path("candidates").get(1);
        assertThat(f2.path("passed").asBoolean()).isTrue();
        assertThat(f2.path("distanceM").asDouble()).isCloseTo(177.6, within(0.3));
        assertThat(f2.path("lineKind").asText()).isEqualTo("CABLE");
        assertThat(f2.path("tieIn").path("id").asText()).isEqualTo("SGF-RMU2");
        assertThat(f2.path("routeLengthM").asDouble()).isCloseTo(197.5 * 1.3, within(0.8));
        assertThat(check(f2, "spare bay available (cable connection)").path("value").asDouble()).isEqualTo(3.0);
        // F2: 5,360 − 4,000 − 500 committed = 860; MT-A2 2,500 binds lower: 2,500 open.
        assertThat(check(f2, "feeder open capacity ≥ request").path("value").asDouble()).isEqualTo(860.0);
        assertThat(f2.path("openCapacityKva").path("bindingAssetId").asText()).isEqualTo("SGF-F2");
        assertThat(f2.path("score").asDouble()).isCloseTo(62.0, within(0.15));

        JsonNode f3 = a.path("candidates").get(2);
        assertThat(f3.path("passed").asBoolean()).isFalse();
        assertThat(f3.path("score").asDouble()).isZero();
        assertThat(check(f3, "main transformer open capacity ≥ request").path("value").asDouble()).isEqualTo(200.0);
        assertThat(check(f3, "main transformer open capacity ≥ request").path("passed").asBoolean()).isFalse();
        assertThat(check(f3, "feeder open capacity ≥ request").path("passed").asBoolean()).isTrue();

        JsonNode f4 = a.path("candidates").get(3);
        assertThat(f4.path("passed").asBoolean()).isFalse();
        JsonNode missing = check(f4, "feeder open capacity ≥ request");
        assertThat(missing.path("value").isNull()).as("missing load is reported missing, never zero").isTrue();
        assertThat(missing.path("note").asText()).contains("load missing");

        JsonNode f5 = a.path("candidates").get(4);
        assertThat(check(f5, "customers on the feeder < limit").path("passed").asBoolean()).isFalse();
        assertThat(a.path("pairs")).isEmpty();
        assertThat(a.path("fallbacks")).isEmpty();
        assertThat(a.path("notes").toString()).contains("searched 800 m");
    }

    @Test
    void committedCapacityIsSubtractedUntilTheCaseIsCancelled() throws Exception {
        String request = body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null, "\"requestedKva\": 400",
                "GENERAL_COMMERCIAL", "NORMAL", null);
        commitments.commit("SGF-CASE-2", new SupplyChain(null, "SGF-F1", "SGF-BUS-A1", "SGF-MT-A1", "SGF-SUB-A"), 300);
        try {
            JsonNode a = post(request);
            JsonNode f1 = candidate(a, "SGF-F1");
            // 464.1 − 300 = 164.1 < 400
            assertThat(check(f1, "feeder open capacity ≥ request").path("value").asDouble()).isCloseTo(164.1, within(0.1));
            assertThat(f1.path("passed").asBoolean()).isFalse();
            assertThat(ids(a).get(0)).isEqualTo("SGF-F2");
        } finally {
            commitments.cancelled("SGF-CASE-2");
        }
        assertThat(candidate(post(request), "SGF-F1").path("passed").asBoolean()).isTrue();
    }

    @Test
    void dualSupplyPairsTakeTwoSubstationsAndDualCircuitTwoBusbars() throws Exception {
        // 180 kVA (162 kW at cos φ 0.9, above 160 kW: 10 kV): F3 passes too (MT-B1 and SUB-B have 200
        // open, MT-B1 loading after 79.9 % ≤ 80 %), F1 and F2 pass on SUB-A.
        JsonNode first = post(body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null, "\"requestedKva\": 180",
                "LARGE_INDUSTRY", "FIRST", null));
        assertThat(first.path("supplyMode").asText()).isEqualTo("DUAL_SUPPLY");
        List<String> pairs = new ArrayList<>();
        first.path("pairs").forEach(p -> {
            assertThat(p.path("label").asText()).isEqualTo("双电源");
            pairs.add(p.path("primaryAssetId").asText() + "+" + p.path("standbyAssetId").asText());
        });
        assertThat(pairs).as(first.toString()).containsExactlyInAnyOrder("SGF-F1+SGF-F3", "SGF-F2+SGF-F3");

        JsonNode second = post(body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null, "\"requestedKva\": 180",
                "LARGE_INDUSTRY", "SECOND", null));
        assertThat(second.path("supplyMode").asText()).isEqualTo("DUAL_CIRCUIT");
        List<String> labelled = new ArrayList<>();
        second.path("pairs").forEach(p -> labelled.add(p.path("primaryAssetId").asText() + "+"
                + p.path("standbyAssetId").asText() + ":" + p.path("label").asText()));
        assertThat(labelled).containsExactlyInAnyOrder("SGF-F1+SGF-F2:双回路", "SGF-F1+SGF-F3:双电源",
                "SGF-F2+SGF-F3:双电源");
        second.path("pairs").forEach(p -> assertThat(p.path("scoreExplanation").asText())
                .contains(p.path("label").asText().equals("双电源") ? "reliability 100" : "reliability 90"));
    }

    @Test
    void lowVoltageOffersTheTransformerWithRoomWithinTheUrbanRadiusAtNoCustomerCost() throws Exception {
        // 90 kW ÷ 0.9 = 100 kVA → 380 V
        JsonNode a = post(body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null, "\"requestedKw\": 90",
                "RESIDENTIAL", "NORMAL", "URBAN"));
        assertThat(a.path("voltageLevel").asText()).isEqualTo("LV_380V");
        assertThat(ids(a)).containsExactly("SGF-T2", "SGF-T1", "SGF-T4");
        JsonNode t2 = a.path("candidates").get(0);
        assertThat(t2.path("passed").asBoolean()).isTrue();
        assertThat(t2.path("distanceM").asDouble()).isCloseTo(173.0, within(0.3));
        assertThat(check(t2, "transformer open capacity ≥ request").path("value").asDouble()).isEqualTo(204.0);
        assertThat(check(t2, "within low-voltage supply radius (URBAN, route length)").path("limit").asDouble())
                .isEqualTo(250.0);
        assertThat(t2.path("estimatedCostYuan").path("customer").asDouble()).isZero();
        // 0.2249 km × 150,000 + 2,500 metering box
        assertThat(t2.path("estimatedCostYuan").path("grid").asDouble()).isCloseTo(36_235, within(60.0));
        JsonNode t1 = a.path("candidates").get(1);
        assertThat(check(t1, "transformer open capacity ≥ request").path("value").asDouble()).isEqualTo(40.0);
        assertThat(t1.path("passed").asBoolean()).isFalse();
        JsonNode t4 = a.path("candidates").get(2);
        assertThat(check(t4, "within low-voltage supply radius (URBAN, route length)").path("passed").asBoolean()).isFalse();
        assertThat(a.toString()).doesNotContain("SGF-T3");

        JsonNode rural = post(body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null, "\"requestedKw\": 90",
                "RESIDENTIAL", "NORMAL", "RURAL"));
        assertThat(candidate(rural, "SGF-T4").path("passed").asBoolean()).as("433 m ≤ 500 m rural radius").isTrue();
    }

    @Test
    void smallSinglePhaseRequestIs220V() throws Exception {
        JsonNode a = post(body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null, "\"requestedKw\": 8",
                "RESIDENTIAL", "NORMAL", null));
        assertThat(a.path("voltageLevel").asText()).isEqualTo("LV_220V");
    }

    @Test
    void aboveTenKvScopeListsTheNearestSubstationsInsteadOfAPlan() throws Exception {
        JsonNode a = post(body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null, "\"requestedKva\": 10000",
                "LARGE_INDUSTRY", "NORMAL", null));
        assertThat(a.path("voltageLevel").asText()).isEqualTo("OUTSIDE_10KV_SCOPE");
        assertThat(a.path("candidates")).isEmpty();
        assertThat(a.path("nearestSubstations").get(0).path("substationId").asText()).isEqualTo("SGF-SUB-A");
        assertThat(a.path("nearestSubstations").get(0).path("distanceM").asDouble()).isCloseTo(865.0, within(0.5));
        assertThat(a.path("nearestSubstations").get(1).path("substationId").asText()).isEqualTo("SGF-SUB-B");
    }

    @Test
    void whenNothingPassesTheFallbacksAreLoadTransferAndANewFeeder() throws Exception {
        // 1,000 kVA: F1 is short by 535.9 on the feeder only, and its tie F2 has 860 open; F2 is short
        // by 140 on the feeder only, and its tie F1 has 464.1 open. SUB-A has 15,000 open and 2 spare bays.
        JsonNode a = post(body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null, "\"requestedKva\": 1000",
                "LARGE_INDUSTRY", "NORMAL", null));
        a.path("candidates").forEach(cand -> assertThat(cand.path("passed").asBoolean()).isFalse());
        List<String> kinds = new ArrayList<>();
        a.path("fallbacks").forEach(f -> kinds.add(f.path("kind").asText() + ":" + f.path("assetIds")));
        assertThat(kinds).containsExactly("LOAD_TRANSFER:[\"SGF-F1\",\"SGF-F2\"]",
                "LOAD_TRANSFER:[\"SGF-F2\",\"SGF-F1\"]", "NEW_FEEDER:[\"SGF-SUB-A\"]");
        // 3,000 kVA: no tie can take 2,535.9; SUB-A (15,000 open, 2 spare bays) can feed a new feeder.
        JsonNode b = post(body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null, "\"requestedKva\": 3000",
                "LARGE_INDUSTRY", "NORMAL", null));
        assertThat(b.path("fallbacks").get(0).path("kind").asText()).isEqualTo("NEW_FEEDER");
        // With 14,000 kVA promised on MT-A1, SUB-A keeps 1,000 open: no tie, no substation → no solution.
        commitments.commit("SGF-CASE-3", new SupplyChain(null, null, null, "SGF-MT-A1", "SGF-SUB-A"), 14_000);
        try {
            JsonNode c = post(body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null, "\"requestedKva\": 3000",
                    "LARGE_INDUSTRY", "NORMAL", null));
            assertThat(c.path("fallbacks")).hasSize(1);
            assertThat(c.path("fallbacks").get(0).path("kind").asText()).isEqualTo("NO_SOLUTION");
        } finally {
            commitments.cancelled("SGF-CASE-3");
        }
    }

    @Test
    void aLowVoltageSiteWhoseTransformersAreFullGetsANewTransformerOnAFeederWithRoom() throws Exception {
        // 210 kVA at cos φ 0.75 = 157.5 kW: 380 V. T1 (133.2 m) has 40 kVA open, T2 204, T4 200 and
        // 433 m of route beyond the 250 m urban radius: none passes, each only on its transformer or
        // its distance. F1 behind the nearest, T1, keeps 464.1 open (loading 46 % of its 50 % cap),
        // MT-A1 and SUB-A have room: a new public transformer near the site on F1.
        JsonNode a = post(body(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT, null,
                "\"requestedKva\": 210, \"powerFactor\": 0.75", "GENERAL_COMMERCIAL", "NORMAL", null));
        assertThat(a.path("voltageLevel").asText()).isEqualTo("LV_380V");
        assertThat(ids(a)).containsExactly("SGF-T1", "SGF-T2", "SGF-T4");
        a.path("candidates").forEach(cand -> assertThat(cand.path("passed").asBoolean()).isFalse());
        JsonNode fallback = a.path("fallbacks").get(0);
        assertThat(fallback.path("kind").asText()).isEqualTo("NEW_TRANSFORMER");
        assertThat(fallback.path("assetIds")).extracting(JsonNode::asText).containsExactly("SGF-F1");
        assertThat(fallback.path("distanceM").asDouble()).isCloseTo(133.2, within(0.3));
        assertThat(fallback.path("openCapacityKva").asDouble()).isCloseTo(464.1, within(0.05));
        assertThat(fallback.path("description").asText()).contains("SGF-F1", "210 kVA");
    }

    @Test
    void gcj02SitesAreConvertedBeforeSearching() throws Exception {
        double[] gcj = Gcj02.fromWgs84(SmallGridFixture.SITE_LON, SmallGridFixture.SITE_LAT);
        JsonNode a = post(body(gcj[0], gcj[1], "GCJ-02", "\"requestedKva\": 400", "GENERAL_COMMERCIAL", "NORMAL", null));
        assertThat(a.path("site").path("lon").asDouble()).isCloseTo(SmallGridFixture.SITE_LON, within(1e-7));
        assertThat(a.path("site").path("lat").asDouble()).isCloseTo(SmallGridFixture.SITE_LAT, within(1e-7));
        assertThat(a.path("candidates").get(0).path("distanceM").asDouble()).isCloseTo(99.9, within(0.3));
        // the GCJ-02 numbers themselves lie hundreds of metres off
        double offsetM = Math.hypot((gcj[0] - SmallGridFixture.SITE_LON) * SmallGridFixture.M_PER_DEG_LON,
                (gcj[1] - SmallGridFixture.SITE_LAT) * SmallGridFixture.M_PER_DEG_LAT);
        assertThat(offsetM).isBetween(100.0, 1000.0);
    }

    @Test
    void badInputIsA400NamingTheField() {
        assertBad("{\"lat\": 39.1, \"requestedKva\": 400, \"customerCategory\": \"RESIDENTIAL\", \"importance\": \"NORMAL\"}", "lon");
        assertBad("{\"lon\": \"east\", \"lat\": 39.1, \"requestedKva\": 400, \"customerCategory\": \"RESIDENTIAL\", \"importance\": \"NORMAL\"}", "lon");
        assertBad(body(116.4, 39.9, null, "\"requestedKva\": 400", "RESIDENTIAL", "NORMAL", null), "lon");
        assertBad(body(107.2, 39.1, null, "\"requestedKva\": -5", "RESIDENTIAL", "NORMAL", null), "requestedKva");
        assertBad(body(107.2, 39.1, null, "\"requestedKw\": 5e9", "RESIDENTIAL", "NORMAL", null), "requestedKw");
        assertBad(body(107.2, 39.1, null, "\"requestedKva\": 400", "RESIDENTIAL", "VIP", null), "importance");
        assertBad(body(107.2, 39.1, null, "\"requestedKva\": 400", "SHOP", "NORMAL", null), "customerCategory");
        assertBad(body(107.2, 39.1, "EPSG:3857", "\"requestedKva\": 400", "RESIDENTIAL", "NORMAL", null), "crs");
        assertBad(body(107.2, 39.1, null, "\"requestedKva\": 400", "RESIDENTIAL", "NORMAL", "SUBURB"), "areaClass");
        assertBad(body(107.2, 39.1, null, "\"foo\": 1", "RESIDENTIAL", "NORMAL", null), "requestedKw");
    }

    @Test
    void anonymousCallersAreRefused() {
        ResponseEntity<String> r = http.postForEntity("/api/siting/candidates", new HttpEntity<>(
                body(107.2, 39.1, null, "\"requestedKva\": 400", "RESIDENTIAL", "NORMAL", null), jsonHeaders()),
                String.class);
        // without credentials there is no CSRF exemption either: refused before authentication
        assertThat(r.getStatusCode().value()).isIn(401, 403);
        assertThat(http.getForEntity("/api/grid/capacity?bbox=107,39,108,40", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private void assertBad(String body, String field) {
        ResponseEntity<String> r = http.withBasicAuth("cm", "cm123").postForEntity("/api/siting/candidates",
                new HttpEntity<>(body, jsonHeaders()), String.class);
        assertThat(r.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
        try {
            JsonNode n = json.readTree(r.getBody());
            assertThat(n.path("field").asText()).as(r.getBody()).isEqualTo(field);
            assertThat(n.path("detail").asText()).contains(field);
            assertThat(n.path("fields")).extracting(JsonNode::asText).contains(field);
        } catch (java.io.IOException e) {
            throw new AssertionError(r.getBody(), e);
        }
    }

    static String body(double lon, double lat, String crs, String capacity, String category, String importance,
                       String areaClass) {
        return "{\"lon\": " + lon + ", \"lat\": " + lat + (crs == null ? "" : ", \"crs\": \"" + crs + "\"")
                + ", " + capacity + ", \"customerCategory\": \"" + category + "\", \"importance\": \"" + importance + "\""
                + (areaClass == null ? "" : ", \"areaClass\": \"" + areaClass + "\"") + "}";
    }

    private JsonNode post(String body) throws Exception {
        ResponseEntity<String> r = http.withBasicAuth("cm", "cm123").postForEntity("/api/siting/candidates",
                new HttpEntity<>(body, jsonHeaders()), String.class);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(r.getBody());
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return h;
    }

    static List<String> ids(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("candidates").forEach(c -> out.add(c.path("assetId").asText()));
        return out;
    }

    static JsonNode candidate(JsonNode answer, String id) {
        for (JsonNode c : answer.path("candidates")) {
            if (c.path("assetId").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError(id + " is not among " + ids(answer));
    }

    static JsonNode check(JsonNode candidate, String rule) {
        for (JsonNode c : candidate.path("checks")) {
            if (c.path("rule").asText().equals(rule)) {
                return c;
            }
        }
        throw new AssertionError("no check '" + rule + "' in " + candidate.path("checks"));
    }
}

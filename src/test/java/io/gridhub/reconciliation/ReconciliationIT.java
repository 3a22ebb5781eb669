package io.gridhub.reconciliation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.HubIntegrationTest;
import io.gridhub.feeds.FeedRun;
import io.gridhub.feeds.FeedRunService;
import io.gridhub.messaging.BrokerProperties;
import io.gridhub.messaging.MisClient;
import io.gridhub.messaging.MisRequestDispatcher;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.Header;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register fed from a customer export, then reconciled against a small known corner of the
 * grid (south-west of the service area, away from the sample grid), worked out here:
 *
 * <pre>
 *  T-REC-1  107.000 38.000  100 kVA  feeder F-REC-1   customers C-1 (50 kVA, 30 m), C-3 (MIS says feeder F-REC-9),
 *                                                     C-4 (3.1 km east, beside T-REC-2), C-5 (200 kVA)
 *  T-REC-2  107.035 38.000  400 kVA  feeder F-REC-1   measured peak 450 kW / 0.9 = 500 kVA in the latest month
 *  T-REC-0  107.010 38.010  retired                   customer C-6
 *  T-REC-E  107.020 38.020  in service, no customers
 *  C-2 names transformer NO-SUCH-TX in area A-GHOST
 * </pre>
 *
 * Expected: C-2 unknown transformer and its area without a GIS transformer; C-6 retired
 * transformer; C-3 feeder mismatch; C-4 beyond the 500 m radius (HIGH: over 2 × 500 m) with
 * T-REC-2 suggested; T-REC-1 contracted (50+200+…) × 0.5 over 100 kVA; T-REC-2 measured overload;
 * T-REC-E without customers. C-1 alone has nothing wrong.
 */
@HubIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationIT {

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired FeedRunService feeds;
    @Autowired BrokerProperties broker;
    @Autowired MisRequestDispatcher dispatcher;
    final Iec61968Codec codec = new Iec61968Codec();

    final ObjectMapper json = new ObjectMapper();
    // the tests are one story in order (@Order): state carries over between them
    static Path dir;
    static UUID firstRun;

    static final String HEADER = "户号,户名,用电类别,合同容量,状态,供电所,台区编号,变压器编码,线路编码,经度,纬度\n";

    // not @BeforeAll on a per-class instance: camel-test-spring starts the CamelContext only for
    // per-method instances, and the MIS test below needs the request route running
    @BeforeEach
    void grid() throws Exception {
        if (dir != null) {
            return;
        }
        dir = Files.createTempDirectory(Path.of("target"), "customers");
        jdbc.update("DELETE FROM grid.distribution_transformer WHERE feed_id = 'test-reconciliation'");
        tx("T-REC-1", 107.000, 38.000, 100, "IN_SERVICE");
        tx("T-REC-2", 107.035, 38.000, 400, "IN_SERVICE");
        tx("T-REC-0", 107.010, 38.010, 200, "RETIRED");
        tx("T-REC-E", 107.020, 38.020, 200, "IN_SERVICE");
        java.sql.Date latest = jdbc.queryForObject("SELECT coalesce(max(period_start), date '2026-11-01') FROM"
                + " grid.measured_peak_load WHERE asset_type = 'DISTRIBUTION_TRANSFORMER'", java.sql.Date.class);
        jdbc.update("INSERT INTO grid.measured_peak_load (feed_id, asset_type, asset_ref, period_start, period_end, peak_kw)"
                + " VALUES ('test-reconciliation', 'DISTRIBUTION_TRANSFORMER', 'T-REC-2', ?, ?, 450)"
                + " ON CONFLICT (asset_type, asset_ref, period_start) DO UPDATE SET peak_kw = 450, power_factor = NULL",
                latest, java.sql.Date.valueOf(latest.toLocalDate().plusMonths(1).minusDays(1)));
    }

    void tx(String id, double lon, double lat, int kva, String lifecycle) {
        jdbc.update("INSERT INTO grid.distribution_transformer (feed_id, source_id, name, kind, ownership, rated_kva,"
                + " feeder_ref, geom, lifecycle, retired_at) VALUES ('test-reconciliation', ?, ?, 'POLE_MOUNTED', 'PUBLIC', ?,"
                + " 'F-REC-1', ST_SetSRID(ST_MakePoint(?, ?), 4490), ?, CASE WHEN ? = 'RETIRED' THEN now() END)",
                id, id, kva, lon, lat, lifecycle, lifecycle);
    }

    FeedRun drop(String name, String csv) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return feeds.runFiles("test-customers", List.of(file));
    }

    JsonNode get(String user, String path, HttpStatus expected) throws Exception {
        ResponseEntity<String> r = http.withBasicAuth(user, user + "123").getForEntity(path, String.class);
        assertThat(r.getStatusCode()).as(path + " → " + r.getBody()).isEqualTo(expected);
        return json.readTree(r.getBody());
    }

    UUID reconcile() throws Exception {
        ResponseEntity<String> r = http.withBasicAuth("gis", "gis123").postForEntity("/api/reconciliation/runs", null, String.class);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        UUID id = UUID.fromString(json.readTree(r.getBody()).path("runId").asText());
        for (int i = 0; i < 600; i++) {
            JsonNode run = get("cm", "/api/reconciliation/runs/" + id, HttpStatus.OK);
            if (!"RUNNING".equals(run.path("status").asText())) {
                assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    /** Our findings of a run: subject → finding, over every page of the kind. */
    Map<String, JsonNode> findings(UUID run, String kind) throws Exception {
        Map<String, JsonNode> out = new java.util.HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode p = get("dispatcher", "/api/reconciliation/runs/" + run + "/findings?kind=" + kind + "&size=1000&page=" + page,
                    HttpStatus.OK);
            p.path("findings").forEach(f -> {
                if (f.path("subject").asText().matches("(C-|T-REC-|A-).*")) {
                    out.put(f.path("subject").asText(), f);
                }
            });
            if ((long) (page + 1) * 1000 >= p.path("total").asLong()) {
                return out;
            }
        }
    }

    @Test
    @Order(1)
    void theCustomerExportIsValidatedQuarantinedAndMerged() throws Exception {
        FeedRun run = drop("customers.csv", HEADER
                + "C-1,甲,居民生活,50,正常,康巴什供电所,A-1,T-REC-1,F-REC-1,107.0003,38.0001\n"
                + "C-2,乙,一般工商业,80,正常,康巴什供电所,A-GHOST,NO-SUCH-TX,F-REC-1,107.0005,38.0003\n"
                + "C-3,丙,居民生活,10,正常,康巴什供电所,A-1,T-REC-1,F-REC-9,107.0002,38.0002\n"
                + "C-4,丁,居民生活,10,暂停,东胜供电所,A-1,T-REC-1,F-REC-1,107.0352,38.0001\n"
                + "C-5,戊,大工业,200,正常,康巴什供电所,A-1,T-REC-1,F-REC-1,107.0004,37.9999\n"
                + "C-6,己,农业生产,30,正常,康巴什供电所,A-0,T-REC-0,F-REC-1,107.0101,38.0101\n"
                + "C-7,庚,居民生活,10,正常,康巴什供电所,A-1,T-REC-1,F-REC-1,107.0003,38.0001\n"
                // refused: unknown category, outside the service area, absurd number, repeated number, closed is fine
                + "C-8,辛,宇宙,10,正常,康巴什供电所,A-1,T-REC-1,F-REC-1,107.0003,38.0001\n"
                + "C-9,壬,居民生活,10,正常,康巴什供电所,A-1,T-REC-1,F-REC-1,116.4,39.9\n"
                + "C-10,癸,居民生活,1e999999999,正常,康巴什供电所,A-1,T-REC-1,F-REC-1,107.0003,38.0001\n"
                + "C-1,甲,居民生活,50,正常,康巴什供电所,A-1,T-REC-1,F-REC-1,107.0003,38.0001\n"
                + "C-11,子,居民生活,5,销户,康巴什供电所,A-1,,,,\n");
        assertThat(run.status()).as(run.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(run.read()).isEqualTo(12);
        assertThat(run.quarantined()).isEqualTo(4);
        assertThat(run.inserted() + run.updated() + run.unchanged()).isEqualTo(8);
        List<String> reasons = jdbc.queryForList("SELECT reason FROM feeds.quarantine WHERE run_id = ? ORDER BY id",
                String.class, run.id());
        assertThat(String.join("\n", reasons)).contains("usage_category '宇宙'", "outside the service area",
                "contracted_kva '1e999999999' is not a number", "duplicate customer_no 'C-1'");
        assertThat(jdbc.queryForObject("SELECT status || ' ' || contracted_kva || ' ' || round(ST_X(geom)::numeric, 4)"
                + " FROM register.customer WHERE customer_no = 'C-4'", String.class)).isEqualTo("SUSPENDED 10.0 107.0352");

        FeedRun again = drop("customers-again.csv", Files.readString(dir.resolve("customers.csv")));
        assertThat(again.status()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(again.unchanged()).as("a re-run of the same export rewrites nothing").isEqualTo(8);
        assertThat(again.inserted() + again.updated() + again.retired()).isZero();
    }

    @Test
    @Order(2)
    void aSnapshotThatWouldRetireMostCustomersIsRefusedWithTheReason() throws Exception {
        FeedRun run = drop("customers-short.csv", HEADER
                + "C-1,甲,居民生活,50,正常,康巴什供电所,A-1,T-REC-1,F-REC-1,107.0003,38.0001\n");
        assertThat(run.status()).isEqualTo(FeedRun.FAILED);
        assertThat(run.error()).contains("retire guard");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM register.customer WHERE customer_no LIKE 'C-%'"
                + " AND lifecycle = 'IN_SERVICE'", Long.class)).isEqualTo(8);
    }

    @Test
    @Order(3)
    void onlyGisAnalystsAndAdminsRunAndBadInputIsNamed() throws Exception {
        assertThat(http.withBasicAuth("cm", "cm123").postForEntity("/api/reconciliation/runs", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity("/api/reconciliation/runs/" + UUID.randomUUID(), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("cm", "/api/reconciliation/runs/nope", HttpStatus.BAD_REQUEST).path("field").asText()).isEqualTo("runId");
        get("cm", "/api/reconciliation/runs/" + UUID.randomUUID(), HttpStatus.NOT_FOUND);
    }

    @Test
    @Order(4)
    void everyKindOfDisagreementIsFoundWithItsEvidence() throws Exception {
        firstRun = reconcile();
        assertThat(findings(firstRun, "UNKNOWN_TRANSFORMER")).containsOnlyKeys("C-2");
        assertThat(findings(firstRun, "AREA_WITHOUT_TRANSFORMER")).containsOnlyKeys("A-GHOST", "A-0");
        assertThat(findings(firstRun, "RETIRED_TRANSFORMER")).containsOnlyKeys("C-6");
        JsonNode mismatch = findings(firstRun, "FEEDER_MISMATCH").get("C-3");
        assertThat(mismatch.path("evidence").path("gis").path("feederRef").asText()).isEqualTo("F-REC-1");
        assertThat(mismatch.path("evidence").path("mis").path("feederRef").asText()).isEqualTo("F-REC-9");
        assertThat(findings(firstRun, "FEEDER_MISMATCH")).containsOnlyKeys("C-3");

        Map<String, JsonNode> far = findings(firstRun, "BEYOND_SUPPLY_RADIUS");
        assertThat(far).containsOnlyKeys("C-4");
        JsonNode c4 = far.get("C-4");
        assertThat(c4.path("severity").asText()).isEqualTo("HIGH");
        assertThat(c4.path("evidence").path("distanceM").asDouble()).isBetween(3000.0, 3200.0);
        assertThat(c4.path("evidence").path("suggested").path("transformer").asText()).isEqualTo("T-REC-2");
        assertThat(c4.path("serviceUnit").asText()).isEqualTo("东胜供电所");

        JsonNode contracted = findings(firstRun, "CONTRACTED_OVERLOAD").get("T-REC-1");
        // active customers of T-REC-1: C-1 50 + C-3 10 + C-5 200 + C-7 10 = 270 kVA (C-4 is suspended); × 0.5 = 135 > 100
        assertThat(contracted.path("evidence").path("mis").path("contractedKva").asDouble()).isEqualTo(270.0);
        assertThat(contracted.path("evidence").path("diversifiedKva").asDouble()).isEqualTo(135.0);
        assertThat(findings(firstRun, "CONTRACTED_OVERLOAD")).doesNotContainKey("T-REC-2");
        JsonNode measured = findings(firstRun, "MEASURED_OVERLOAD").get("T-REC-2");
        assertThat(measured.path("evidence").path("measuredPeakKva").asDouble()).isEqualTo(500.0);
        assertThat(findings(firstRun, "TRANSFORMER_WITHOUT_CUSTOMERS")).containsKey("T-REC-E").doesNotContainKeys("T-REC-1", "T-REC-0");

        JsonNode run = get("cm", "/api/reconciliation/runs/" + firstRun, HttpStatus.OK);
        assertThat(run.path("byKind").path("FEEDER_MISMATCH").path("found").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(run.path("customers").asLong()).isGreaterThanOrEqualTo(7);
        assertThat(get("cm", "/api/reconciliation/runs/" + firstRun + "/findings?kind=BOGUS", HttpStatus.BAD_REQUEST)
                .path("field").asText()).isEqualTo("kind");
        JsonNode unit = get("cm", "/api/reconciliation/runs/" + firstRun + "/findings?unit=东胜供电所", HttpStatus.OK);
        assertThat(unit.path("findings").findValuesAsText("subject")).contains("C-4").doesNotContain("C-3");

        assertThat(jdbc.queryForObject("SELECT body FROM messaging.outbox WHERE message_id = ?", String.class,
                "reconciliation-" + firstRun)).contains("<Noun>ReconciliationReport</Noun>", "<runId>" + firstRun + "</runId>");
    }

    @Test
    @Order(5)
    void aRerunWithNoChangesFindsNothingNewAndFindingsKeepTheirIds() throws Exception {
        Map<String, JsonNode> before = findings(firstRun, "FEEDER_MISMATCH");
        UUID second = reconcile();
        JsonNode run = get("cm", "/api/reconciliation/runs/" + second, HttpStatus.OK);
        assertThat(run.path("newFindings").asLong()).isZero();
        assertThat(run.path("fixed").asLong()).isZero();
        assertThat(run.path("trend").size()).isGreaterThanOrEqualTo(2);
        assertThat(findings(second, "FEEDER_MISMATCH").get("C-3").path("findingId").asText())
                .isEqualTo(before.get("C-3").path("findingId").asText());
    }

    @Test
    @Order(6)
    void aFindingIsAcknowledgedThenFixedWhenTheMisCorrectsTheUsagePoint() throws Exception {
        String c2 = findings(firstRun, "UNKNOWN_TRANSFORMER").get("C-2").path("findingId").asText();
        assertThat(http.withBasicAuth("cm", "cm123").postForEntity("/api/reconciliation/findings/" + c2 + "/acknowledge",
                null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> ack = http.withBasicAuth("gis", "gis123")
                .postForEntity("/api/reconciliation/findings/" + c2 + "/acknowledge", null, String.class);
        assertThat(json.readTree(ack.getBody()).path("status").asText()).isEqualTo("ACKNOWLEDGED");

        // a bad change is refused naming the element and field, and changes nothing
        Header bad = new Header("changed", "UsagePoint", null, OffsetDateTime.now(), "MarketingMIS", null,
                UUID.randomUUID().toString(), null, "cm01", null, null, List.of());
        MessageEnvelope refused = codec.read(dispatcher.dispatch(codec.write(MessageEnvelope.request(bad, null,
                "<UsagePoint xmlns=\"urn:gridhub:register:1\"><customerNo>C-3</customerNo><contractedKva>-5</contractedKva>"
                        + "</UsagePoint>"))).xml());
        assertThat(refused.reply().result()).isEqualTo(Reply.Result.FAILED);
        assertThat(refused.reply().errors().get(0).details()).contains("UsagePoint[1]", "contracted_kva");

        try (MisClient mis = new MisClient("tcp://127.0.0.1:" + broker.port(), "mis", "mis")) {
            assertThat(mis.request(broker.requestQueue(), MisClient.get("GridSummary", null, null), broker.defaultReplyQueue(),
                    15_000).reply().result()).as("the broker answers at all").isEqualTo(Reply.Result.OK);
            Header header = new Header("changed", "UsagePoint", null, OffsetDateTime.now(), "MarketingMIS", null,
                    UUID.randomUUID().toString(), null, "cm01", null, null, List.of());
            String payload = "<UsagePoint xmlns=\"urn:gridhub:register:1\"><customerNo>C-3</customerNo>"
                    + "<feederRef>F-REC-1</feederRef></UsagePoint>";
            MessageEnvelope reply = mis.request(broker.requestQueue(), MessageEnvelope.request(header, null, payload),
                    broker.defaultReplyQueue(), 15_000);
            assertThat(reply.reply().result()).as(reply.toString()).isEqualTo(Reply.Result.OK);

        }
        assertThat(jdbc.queryForObject("SELECT feeder_ref || ' ' || contracted_kva FROM register.customer WHERE customer_no = 'C-3'",
                String.class)).isEqualTo("F-REC-1 10.0");

        UUID third = reconcile();
        assertThat(findings(third, "FEEDER_MISMATCH")).doesNotContainKey("C-3");
        String c3 = findings(firstRun, "FEEDER_MISMATCH").get("C-3").path("findingId").asText();
        assertThat(jdbc.queryForObject("SELECT status FROM reconciliation.finding WHERE id = ?::uuid", String.class, c3))
                .isEqualTo("FIXED");
        assertThat(findings(third, "UNKNOWN_TRANSFORMER").get("C-2").path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(get("cm", "/api/reconciliation/runs/" + third, HttpStatus.OK).path("byKind").path("FEEDER_MISMATCH")
                .path("fixed").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(7)
    void theReportDownloadsAsCsvAndXlsx() throws Exception {
        ResponseEntity<String> csv = http.withBasicAuth("cm", "cm123").getForEntity(
                "/api/reconciliation/runs/" + firstRun + "/findings.csv?kind=UNKNOWN_TRANSFORMER", String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        List<String> lines = csv.getBody().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFfinding_id,kind,severity");
        assertThat(lines).anyMatch(l -> l.contains(",C-2,") && l.contains("\"{\"\"gis\"\""));
        assertThat(lines.stream().skip(1)).allMatch(l -> l.contains(",UNKNOWN_TRANSFORMER,"));

        ResponseEntity<byte[]> xlsx = http.withBasicAuth("cm", "cm123").getForEntity(
                "/api/reconciliation/runs/" + firstRun + "/findings.xlsx?kind=RETIRED_TRANSFORMER", byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("finding_id");
            List<String> subjects = new ArrayList<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                subjects.add(sheet.getRow(i).getCell(8).getStringCellValue());
            }
            assertThat(subjects).contains("C-6");
        }
    }
    @Test
    @Order(8)
    void theLatestRunsAreListedNewestFirst() throws Exception {
        JsonNode all = get("dispatcher", "/api/reconciliation/runs?limit=50", HttpStatus.OK);
        List<String> ids = all.findValuesAsText("id");
        assertThat(ids).as("this story's three runs").contains(firstRun.toString()).hasSizeGreaterThanOrEqualTo(3);
        List<String> started = new ArrayList<>();
        all.forEach(r -> started.add(r.path("startedAt").asText()));
        List<java.time.Instant> times = started.stream().map(java.time.Instant::parse).toList();
        assertThat(times).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode first = all.get(ids.indexOf(firstRun.toString()));
        assertThat(first.path("byKind").path("FEEDER_MISMATCH").path("found").asLong()).isGreaterThanOrEqualTo(1);

        JsonNode latest = get("cm", "/api/reconciliation/runs?limit=1", HttpStatus.OK);
        assertThat(latest.size()).isEqualTo(1);
        assertThat(latest.get(0).path("id").asText()).isEqualTo(ids.get(0)).isNotEqualTo(firstRun.toString());
        assertThat(get("cm", "/api/reconciliation/runs?limit=0", HttpStatus.BAD_REQUEST).path("field").asText()).isEqualTo("limit");
        assertThat(get("cm", "/api/reconciliation/runs?limit=many", HttpStatus.BAD_REQUEST).path("field").asText()).isEqualTo("limit");
    }
}

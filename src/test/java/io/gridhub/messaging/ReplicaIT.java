package io.gridhub.messaging;

import static io.gridhub.messaging.HubKillIT.await;
import static io.gridhub.messaging.HubKillIT.deleteTree;
import static io.gridhub.messaging.PostgresRestartIT.DATABASE;
import static io.gridhub.messaging.PostgresRestartIT.DB_PASSWORD;
import static io.gridhub.messaging.PostgresRestartIT.DB_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.TestPorts;
import io.gridhub.cases.CasesGridFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A PostgreSQL streaming replica serving the read-only siting and tile queries (issue 12): the test
 * starts a private primary and a hot standby made from it with {@code pg_basebackup -R}
 * ({@link PrivatePostgres}, never the shared cluster) and the packaged hub with
 * {@code HUB_DB_REPLICA_URL} on the standby and a staleness bound of {@value #MAX_LAG_SECONDS} s.
 * Which server ran a query is read from {@code pg_stat_statements} on each (the siting feeder
 * search and the vector tile query have texts of their own). On the {@link CasesGridFixture}
 * (feeder CASES-F1, 2,400 kVA open):
 * <ol>
 * <li>siting answers and tiles are served by the standby, none of those queries runs on the primary;</li>
 * <li>read your writes: with the standby's replay paused, a plan is drafted (its siting runs in the
 *     drafting transaction on the primary) and confirmed (the promise is written on the primary); the
 *     siting answer right after the confirmation shows the promise (the hub's fence sends reads to the
 *     primary until the replica has replayed it);</li>
 * <li>the staleness bound: replay resumed, then paused again, and a promise written straight into the
 *     primary (as another hub instance would): answers may be stale only within the bound; every answer
 *     asked later than the bound after the write shows it, the replica's health turns DEGRADED, the
 *     hub's stays UP (200);</li>
 * <li>the standby stopped ({@code pg_ctl stop -m immediate}): every answer is right and comes from the
 *     primary, health as above; started again, the replica serves again.</li>
 * </ol>
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplicaIT {

    /**
     * The default bound. A healthy replica shows a lag of one to two probe intervals on a loaded machine
     * (the sample it last replayed is up to an interval old, one more when the primary wrote just
     * before the probe): a 3 s bound left too little margin for "every read on the standby".
     */
    static final int MAX_LAG_SECONDS = 5;
    static final int READS = 10;
    /** The hub starts in about 30 s on an idle machine; on two cores shared with other builds it took 100 s. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** The siting feeder search ({@code feeders-within.sql}) by its leading comment, and the two tile queries. */
    static final String SITING_QUERY = "%Feeders within%";
    static final String TILE_QUERY = "%ST_AsMVT(t, %";
    static final String SITING_REQUEST = """
            {"lon": 108.0, "lat": 38.0, "requestedKva": 400, "customerCategory": "GENERAL_COMMERCIAL", "importance": "NORMAL"}
            """;
    static final double OPEN_KVA = 2400;
    static final double CONFIRMED_KVA = 500;
    static final double OTHER_HUB_KVA = 300;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int httpPort;
    private int nextTileX;

    @Test
    void sitingAndTilesReadFromTheReplicaWithinTheBoundAndCommitmentsStayOnThePrimary() throws Exception {
        Path work = Path.of("target", "replica-it").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        httpPort = TestPorts.port("HUB_TEST_REPLICA_HTTP_PORT");
        PrivatePostgres primaryCluster = new PrivatePostgres(work.resolve("pg-primary"),
                TestPorts.port("HUB_TEST_REPLICA_PRIMARY_PORT"));
        PrivatePostgres standbyCluster = new PrivatePostgres(work.resolve("pg-standby"),
                TestPorts.port("HUB_TEST_REPLICA_STANDBY_PORT"));
        Map<String, String> settings = HubProcess.settings(primaryCluster.jdbcUrl(DATABASE), DB_USER, DB_PASSWORD,
                httpPort, TestPorts.port("HUB_TEST_REPLICA_BROKER_PORT"), work.resolve("data"));
        settings.put("HUB_DB_REPLICA_URL", standbyCluster.jdbcUrl(DATABASE));
        settings.put("HUB_DB_REPLICA_MAX_LAG", MAX_LAG_SECONDS + "s");
        settings.put("HUB_DEMO_USERS", "true");
        List<String> figures = new ArrayList<>();

        try (PrivatePostgres primary = primaryCluster;
             PrivatePostgres standby = standbyCluster;
             HubProcess hub = new HubProcess(Path.of("target", "gridhub.jar").toAbsolutePath(), settings,
                     work.resolve("hub.log"))) {
            assertThat(Path.of("target", "gridhub.jar")).as("the packaged hub (mvn package runs before the ITs)").exists();
            long t0 = System.nanoTime();
            primary.create("shared_preload_libraries = 'pg_stat_statements'").createDatabase(DATABASE, DB_USER, DB_PASSWORD);
            try (Connection c = primary.superuser(DATABASE); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION pg_stat_statements");
            }
            standby.createStandbyOf(primary);
            figures.add(String.format("primary and standby (pg_basebackup -R) up in %.1f s", (System.nanoTime() - t0) / 1e9));
            figures.add(String.format("hub start %.1f s", hub.start(START_TIMEOUT)));
            long ready = System.nanoTime();

            // the fixture, written on the primary; the hub's caches are filled lazily, after it
            try (Connection p = primary.superuser(DATABASE)) {
                JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(p, true));
                new CasesGridFixture(jdbc, event -> { }).install();
                // a line section, so the feeder search needs no whole-feeder lines (checked when the hub was ready)
                jdbc.update("INSERT INTO grid.feeder_section (feed_id, source_id, name, feeder_ref, line_kind, geom) "
                        + "VALUES ('cases-fixture', 'CASES-F1-S1', '沙漠线 1段', 'CASES-F1', 'OVERHEAD', "
                        + "ST_GeomFromText('LINESTRING(107.9950 38.0009, 108.0100 38.0009)', 4490))");
            }
            try (Connection s = standby.superuser(DATABASE)) {
                await("the fixture replayed on the standby", () -> count(s,
                        "SELECT count(*) FROM grid.feeder_section WHERE source_id = 'CASES-F1-S1'") == 1, () -> "not yet", hub);
            }
            await("health component readReplica UP", () -> "UP".equals(replicaStatus()), this::health, hub);

            try (Connection p = primary.superuser(DATABASE); Connection s = standby.superuser(DATABASE)) {
                // 1. siting and tiles from the standby
                long primarySiting = calls(p, SITING_QUERY);
                long primaryTiles = calls(p, TILE_QUERY);
                long standbySiting = calls(s, SITING_QUERY);
                long standbyTiles = calls(s, TILE_QUERY);
                for (int i = 0; i < READS; i++) {
                    assertThat(openOnFeeder()).as("open capacity of CASES-F1 in a siting answer").isCloseTo(OPEN_KVA, within(0.5));
                    tile("capacity");
                    tile("grid");
                }
                assertThat(calls(p, SITING_QUERY) - primarySiting).as("siting feeder searches on the primary").isZero();
                assertThat(calls(p, TILE_QUERY) - primaryTiles).as("tile queries on the primary").isZero();
                assertThat(calls(s, SITING_QUERY) - standbySiting).as("siting feeder searches on the standby")
                        .isGreaterThanOrEqualTo(READS);
                assertThat(calls(s, TILE_QUERY) - standbyTiles).as("tile queries on the standby").isEqualTo(2L * READS);
                figures.add(String.format("healthy replica: %d siting answers ran %d feeder searches on the standby, 0 on "
                        + "the primary; %d tiles, all rendered on the standby", READS, calls(s, SITING_QUERY) - standbySiting,
                        2 * READS));

                // 2. read your writes: replay paused, a plan drafted and confirmed on the primary
                pause(s);
                String caseNo = "REPL-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
                long standbyBeforeDraft = calls(s, SITING_QUERY);
                long primaryBeforeDraft = calls(p, SITING_QUERY);
                String planId = caseAtPlanStage(caseNo);
                assertThat(calls(p, SITING_QUERY) - primaryBeforeDraft).as("the drafting transaction's siting on the primary")
                        .isPositive();
                assertThat(calls(s, SITING_QUERY) - standbyBeforeDraft).as("the drafting transaction's siting on the standby")
                        .isZero();
                HttpResponse<String> confirmed = send("POST", "/api/plans/" + planId + "/confirm", "{\"note\": \"replica\"}", "cm");
                assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
                assertThat(count(p, "SELECT count(*) FROM capacity.commitment WHERE case_ref = '" + caseNo
                        + "' AND asset_ref = 'CASES-F1' AND status = 'ACCEPTED'")).as("the promise on the primary").isEqualTo(1);
                long standbyAfterConfirm = calls(s, SITING_QUERY);
                assertThat(openOnFeeder()).as("open capacity in the answer right after the confirmation")
                        .isCloseTo(OPEN_KVA - CONFIRMED_KVA, within(0.5));
                assertThat(calls(s, SITING_QUERY) - standbyAfterConfirm).as("that answer from the paused standby").isZero();
                figures.add("read your writes: with replay paused, the answer right after the confirmation showed "
                        + (OPEN_KVA - CONFIRMED_KVA) + " kVA open (the primary served it)");

                // 3. the staleness bound for a write the hub does not know of
                resume(s);
                await("the replica serving again after replay resumed", () -> servedByStandby(s), this::health, hub);
                pause(s);
                long written = otherHubPromise(p, caseNo + "-OTHER");
                long boundEnds = written + TimeUnit.SECONDS.toNanos(MAX_LAG_SECONDS);
                int stale = 0;
                int fresh = 0;
                double lastStaleAfter = 0;
                long healthDegraded = 0;
                while (System.nanoTime() - boundEnds < TimeUnit.SECONDS.toNanos(2)) {
                    long asked = System.nanoTime();
                    double open = openOnFeeder();
                    if (Math.abs(open - (OPEN_KVA - CONFIRMED_KVA)) < 0.5) {
                        stale++;
                        lastStaleAfter = (asked - written) / 1e9;
                        assertThat(asked - boundEnds).as("a stale answer asked %.2f s after the write, bound %d s",
                                (asked - written) / 1e9, MAX_LAG_SECONDS).isLessThan(0);
                    } else {
                        assertThat(open).as("open capacity after the other hub's promise")
                                .isCloseTo(OPEN_KVA - CONFIRMED_KVA - OTHER_HUB_KVA, within(0.5));
                        fresh++;
                    }
                    if (healthDegraded == 0 && "DEGRADED".equals(replicaStatus())) {
                        healthDegraded = System.nanoTime();
                        assertThat(hubHealthStatus()).as("the hub's health while the replica lags").isEqualTo(200);
                    }
                    TimeUnit.MILLISECONDS.sleep(100); // the polling period
                }
                assertThat(stale).as("stale answers within the bound: the paused replica served until the bound").isPositive();
                assertThat(fresh).as("answers showing the write after the bound").isPositive();
                assertThat(healthDegraded).as("readReplica DEGRADED while replay is paused past the bound").isPositive();
                assertThat(hubHealthStatus()).as("the hub's health with the replica lagging").isEqualTo(200);
                figures.add(String.format("bound %d s: %d stale answers, the last asked %.2f s after the write; %d fresh; "
                        + "readReplica DEGRADED %.2f s after the write, hub health 200", MAX_LAG_SECONDS, stale,
                        lastStaleAfter, fresh, (healthDegraded - written) / 1e9));
                resume(s);
                await("the replica serving again after replay resumed", () -> servedByStandby(s), this::health, hub);
            }

            // 4. the standby stopped, then started again
            long stopped = System.nanoTime();
            standby.stopImmediately();
            double expected = OPEN_KVA - CONFIRMED_KVA - OTHER_HUB_KVA;
            long primarySitingBefore;
            long degraded = 0;
            try (Connection p = primary.superuser(DATABASE)) {
                primarySitingBefore = calls(p, SITING_QUERY);
                for (int i = 0; i < READS; i++) {
                    assertThat(openOnFeeder()).as("open capacity with the standby down").isCloseTo(expected, within(0.5));
                    assertThat(tile("capacity")).as("a capacity tile with the standby down").isIn(200, 204);
                    if (degraded == 0 && "DEGRADED".equals(replicaStatus())) {
                        degraded = System.nanoTime();
                    }
                }
                assertThat(calls(p, SITING_QUERY) - primarySitingBefore).as("feeder searches on the primary, standby down")
                        .isGreaterThanOrEqualTo(READS);
            }
            await("readReplica DEGRADED with the standby down", () -> "DEGRADED".equals(replicaStatus()), this::health, hub);
            double toDegraded = ((degraded == 0 ? System.nanoTime() : degraded) - stopped) / 1e9;
            assertThat(hubHealthStatus()).as("the hub's health with the standby down").isEqualTo(200);
            String downDetails = health();
            long restarted = System.nanoTime();
            standby.start();
            try (Connection s = standby.superuser(DATABASE)) {
                await("the replica serving again after the standby restarted", () -> servedByStandby(s), this::health, hub);
            }
            figures.add(String.format("standby stopped: %d answers right, from the primary; readReplica DEGRADED seen %.1f s "
                    + "after the stop (%s), hub health 200; serving again %.1f s after pg_ctl start",
                    READS, toDegraded, downDetails, (System.nanoTime() - restarted) / 1e9));
            figures.add("health at the end: " + health());
            figures.add(String.format("the checks took %.1f s after the hub was ready", (System.nanoTime() - ready) / 1e9));
            String text = String.join("\n", figures) + "\n";
            Files.writeString(work.resolve("figures.txt"), text);
            System.out.print("ReplicaIT: " + text);
        }
    }

    /** One siting answer through the standby when it may serve: true when the standby ran its feeder search. */
    private boolean servedByStandby(Connection standby) {
        try {
            long before = calls(standby, SITING_QUERY);
            openOnFeeder();
            return calls(standby, SITING_QUERY) > before;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A case at the plan stage (its plan drafted there); returns the plan id. */
    private String caseAtPlanStage(String caseNo) throws IOException, InterruptedException {
        String body = """
                {"caseNo": "%s", "customerName": "测试客户 %s", "address": "鄂托克前旗 测试路 1 号",
                 "site": {"lon": %s, "lat": %s, "crs": "EPSG:4490"}, "requestedKva": %s,
                 "customerCategory": "GENERAL_COMMERCIAL", "importance": "NORMAL", "channel": "COUNTER",
                 "serviceUnit": "东胜供电所", "customerManager": "cm", "projectManager": "pm"}
                """.formatted(caseNo, caseNo, CasesGridFixture.SITE_LON, CasesGridFixture.SITE_LAT, CONFIRMED_KVA);
        HttpResponse<String> created = send("POST", "/api/cases", body, "cm");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> survey = send("POST", "/api/cases/" + caseNo + "/stages/SITE_SURVEY", null, "cm");
        assertThat(survey.statusCode()).as(survey.body()).isEqualTo(200);
        HttpResponse<String> plan = send("POST", "/api/cases/" + caseNo + "/stages/PLAN_REPLY", "{\"gridWorks\": true}", "cm");
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        JsonNode plans = json.readTree(send("GET", "/api/cases/" + caseNo + "/plans", null, "cm").body());
        assertThat(plans.size()).as("a plan drafted at the plan stage").isEqualTo(1);
        return plans.get(0).path("planId").asText();
    }

    /** Open capacity of CASES-F1 before the request, in a siting answer. */
    private double openOnFeeder() throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", "/api/siting/candidates", SITING_REQUEST, "cm");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode first = json.readTree(r.body()).path("candidates").get(0);
        assertThat(first.path("assetId").asText()).as(r.body()).isEqualTo("CASES-F1");
        return first.path("openCapacityKva").path("before").asDouble();
    }

    /** A z14 tile of the layer near the fixture, a new one each time (none comes from the hub's tile cache). */
    private int tile(String layer) throws IOException, InterruptedException {
        int x = 13107 + (nextTileX++ % 40) - 20;
        double lat = Math.toRadians(CasesGridFixture.SITE_LAT);
        int y = (int) ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << 14));
        HttpResponse<String> r = send("GET", "/tiles/" + layer + "/14/" + x + "/" + (y + nextTileX / 40) + ".mvt", null, "cm");
        assertThat(r.statusCode()).as(r.body()).isIn(200, 204);
        return r.statusCode();
    }

    /** A promise written straight into the primary, as another hub instance would; returns when it committed. */
    private static long otherHubPromise(Connection primary, String caseRef) throws SQLException {
        try (PreparedStatement s = primary.prepareStatement("INSERT INTO capacity.commitment (case_ref, asset_type, "
                + "asset_ref, committed_kva) VALUES (?, 'FEEDER', 'CASES-F1', ?)")) {
            s.setString(1, caseRef);
            s.setDouble(2, OTHER_HUB_KVA);
            s.executeUpdate();
        }
        return System.nanoTime();
    }

    private static void pause(Connection standby) throws SQLException {
        try (Statement s = standby.createStatement()) {
            s.execute("SELECT pg_wal_replay_pause()");
        }
    }

    private static void resume(Connection standby) throws SQLException {
        try (Statement s = standby.createStatement()) {
            s.execute("SELECT pg_wal_replay_resume()");
        }
    }

    /** Calls of the statements whose text is like {@code pattern}, on one server. */
    private static long calls(Connection c, String pattern) {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query LIKE ?")) {
            s.setString(1, pattern);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String replicaStatus() {
        try {
            return json.readTree(send("GET", "/actuator/health", null, null).body())
                    .path("components").path("readReplica").path("status").asText();
        } catch (IOException | InterruptedException e) {
            return "no answer: " + e;
        }
    }

    /** The replica's health component with its details (as an admin). */
    private String health() {
        try {
            return json.readTree(send("GET", "/actuator/health", null, "admin").body())
                    .path("components").path("readReplica").toString();
        } catch (IOException | InterruptedException e) {
            return "no answer: " + e;
        }
    }

    private int hubHealthStatus() throws IOException, InterruptedException {
        return send("GET", "/actuator/health", null, null).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String body, String user)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user + "123").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}

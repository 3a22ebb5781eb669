package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.TestPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two hub instances against one PostGIS database and one broker (issue 12, "Scale-out on existing
 * engines"). One standalone Artemis 2.40.0 ({@link StandaloneArtemis}) and two packaged hubs
 * ({@link HubProcess}, native mode) on the same database with the sample grid, each on its own HTTP
 * port, with the same configuration (an extra feeds file both load). It proves:
 * <ol>
 * <li><b>A scheduled feed run happens once.</b> Feed {@value #TICK_FEED} fires every
 * {@value #TICK_EVERY_S} s (Quartz clustered). Each run records the hub instance that ran it and the
 * firing's scheduled fire time ({@code feeds.feed_run.hub_instance}, {@code scheduled_for}): every
 * firing while both hubs ran has exactly one run, none is missing, no two runs of the feed overlap.</li>
 * <li><b>Competing consumers, no double plan.</b> The MIS ({@link CountingMis}) sends {@value #CASES}
 * {@code create ConnectionApplication} requests at stage PLAN_REPLY (the hub drafts a plan on
 * create) and, after every {@value #COPY_EVERY}th, an exact copy of an earlier one (same MessageID).
 * Both hubs consume (each one's {@code mis-requests} route counted exchanges); afterwards each case
 * exists once with exactly one live plan, every copy is answered with the reply recorded for its
 * MessageID, and each request's {@code created} event is in the outbox once and reached the MIS
 * exactly once, raw: no hub died, so no copy is excused.</li>
 * <li><b>The outbox relay never sends concurrently.</b> Every outbox row was sent exactly once as
 * the database saw it ({@code attempts = 1}: a second relay sending a row would have incremented it
 * again, whatever the broker's duplicate detection dropped), by one of the two instances
 * ({@code sent_by}); the MIS received the events of each case in outbox order and no MessageID twice.</li>
 * <li><b>Caches follow the grid-changed topic.</b> With both hubs' peak windows read, a GIS analyst
 * runs load feed {@value #LOADS_FEED} on hub A: it loads a newer month's peak for one transformer.
 * Hub B, never restarted, must answer {@code GET /api/grid/capacity} with the new peak window and the
 * transformer's new peak within {@link #CACHE_FOLLOWS_WITHIN}, and must have forgotten the capacity
 * terms its siting answers kept in memory (ChainTermsCache).</li>
 * <li><b>Workspace sessions are shared</b> ({@code HUB_SESSION_STORE=database}): a customer manager
 * logs in with the form on hub A and is known on hub B with the same session cookie; logging out on
 * B ends the session on A too.</li>
 * <li><b>Hub B carries on alone.</b> Hub A gets SIGKILL; the MIS sends {@value #AFTER_THE_KILL} more
 * requests: hub B answers them, its relay sends their events (A's relay lock died with A's
 * connection), and it runs the schedule's next firings.</li>
 * </ol>
 */
// about 2 minutes on a busy 2-core machine, most of it the two hub starts
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TwoHubsIT {

    static final String NOUN = "ConnectionApplication";
    static final String TICK_FEED = "twohubs-tick";
    static final int TICK_EVERY_S = 2;
    static final String LOADS_FEED = "twohubs-loads";
    static final int CASES = 500;
    static final int COPY_EVERY = 10;
    static final int SEND_BATCH = 50;
    /** Requests sent after hub A died, for hub B alone. */
    static final int AFTER_THE_KILL = 20;
    /** Firings that must have run while both hubs were up. */
    static final int MIN_FIRINGS = 10;
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration WORK_TIMEOUT = Duration.ofSeconds(90);
    static final Duration CACHE_FOLLOWS_WITHIN = Duration.ofSeconds(10);
    /** The transformer whose newer peak hub A loads, and the month after the sample's latest. */
    static final String TRANSFORMER = "DT-DS-01-01-001";
    static final String NEW_MONTH = "2026-11";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void twoHubsShareOneDatabaseAndBrokerAndEachThingHappensOnce() throws Exception {
        Path work = Path.of("target", "two-hubs-it").toAbsolutePath();
        HubKillIT.deleteTree(work);
        Files.createDirectories(work);
        String dbUrl = "jdbc:postgresql://127.0.0.1:" + HubKillIT.env("HUB_PG_PORT", "55432") + "/"
                + HubKillIT.env("HUB_TEST_TWO_HUBS_DB_NAME", "gridhub_test_twohubs");
        String dbUser = HubKillIT.env("HUB_DB_USER", "gridhub");
        String dbPassword = HubKillIT.env("HUB_DB_PASSWORD", "gridhub");
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        List<String> figures = new ArrayList<>();

        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            // the production MIS's view the two load feeds read: in a schema of the same database
            try (Statement s = db.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS twohubs_pms CASCADE");
                s.execute("CREATE SCHEMA twohubs_pms");
                for (String table : List.of("tick", "peak_load")) {
                    // the column names of the MIS's load export (loads.csv of the sample): no mapping needed
                    s.execute("CREATE TABLE twohubs_pms." + table + " (sbbm text, sblx text, tjyf text,"
                            + " zdfh_kw numeric, glys numeric, cjsj timestamptz, gxsj timestamptz)");
                }
            }
            Path feeds = work.resolve("feeds.yml");
            Files.writeString(feeds, feedsYaml(dbUrl, dbUser, dbPassword));

            try (StandaloneArtemis artemis = StandaloneArtemis.start(
                    BrokerPropertiesFile.write(BrokerProperties.defaults("127.0.0.1", 0, 1000)));
                 HubProcess a = new HubProcess(jar(), settings("a", dbUrl, dbUser, dbPassword, artemis, feeds, work),
                         work.resolve("hub-a.log"));
                 HubProcess b = new HubProcess(jar(), settings("b", dbUrl, dbUser, dbPassword, artemis, feeds, work),
                         work.resolve("hub-b.log"))) {
                int portA = TestPorts.port("HUB_TEST_TWO_HUBS_A_HTTP_PORT");
                int portB = TestPorts.port("HUB_TEST_TWO_HUBS_B_HTTP_PORT");
                long testStarted = System.nanoTime();
                // one after the other: A loads the sample grid into the empty store, B finds it there
                double startA = a.start(START_TIMEOUT);
                String idA = onlyNew(db, Set.of());
                double startB = b.start(START_TIMEOUT);
                String idB = onlyNew(db, Set.of(idA));
                Instant bothUp = dbNow(db);
                figures.add(String.format("hub A started in %.1f s (Quartz instance %s), hub B in %.1f s (%s)", startA,
                        idA, startB, idB));

                cachesFollowTheGridChangedTopic(db, a, b, work.resolve("hub-b.log"), portA, portB, idA, figures);
                competingConsumers(db, artemis, a, b, portA, portB, idA, idB, run, figures);
                // the steps before take as long as the hubs need; the schedule's check needs its firings
                awaitFirings(db, bothUp, MIN_FIRINGS, Duration.ofSeconds((MIN_FIRINGS + 5L) * TICK_EVERY_S));
                scheduledRunsOnce(db, bothUp, idA, idB, figures);
                sessionsAreShared(db, portA, portB, figures);
                hubBCarriesOnAlone(db, artemis, a, b, idB, run, figures);

                figures.add(String.format("test time after the starts %.1f s",
                        (System.nanoTime() - testStarted) / 1e9 - startA - startB));
            }
        } finally {
            String text = String.join("\n", figures) + "\n";
            Files.writeString(work.resolve("figures.txt"), text);
            System.out.print("TwoHubsIT: " + text);
        }
    }

    /** Sessions in the database: log in on A, be known on B, log out on B, be gone on A. */
    private void sessionsAreShared(Connection db, int portA, int portB, List<String> figures) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portA + "/login.html"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        String csrf = cookie(page, "XSRF-TOKEN");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portA + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "XSRF-TOKEN=" + csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=cm&password=cm123&_csrf=" + csrf))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("form login on hub A").isEqualTo(302);
        String session = cookie(login, "JSESSIONID");
        assertThat(strings(db, "SELECT principal_name FROM web.spring_session")).as("the session is in the database")
                .contains("cm");

        assertThat(me(portB, session).statusCode()).as("hub A's session on hub B").isEqualTo(200);
        assertThat(json.readTree(me(portB, session).body()).path("name").asText()).isEqualTo("cm");
        HttpResponse<String> logout = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portB + "/logout"))
                .header("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + csrf).header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).as("logout on hub B (302 for a browser, 204 otherwise)").isIn(204, 302);
        assertThat(me(portA, session).statusCode()).as("the session logged out on B, on hub A").isEqualTo(401);
        figures.add("workspace session: logged in on A, known on B, logged out on B, gone on A");
    }

    private HttpResponse<String> me(int port, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/me"))
                .header("Cookie", "JSESSIONID=" + session).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers()));
    }

    /** Property 4: a load feed run on A refreshes B's peak window through the grid-changed topic. */
    private void cachesFollowTheGridChangedTopic(Connection db, HubProcess a, HubProcess b, Path logB, int portA,
            int portB, String idA, List<String> figures) throws Exception {
        double[] at = transformerAt(db, TRANSFORMER);
        String bbox = String.format(java.util.Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", at[0] - 0.0005, at[1] - 0.0005,
                at[0] + 0.0005, at[1] + 0.0005);
        double oldMax = queryDouble(db, "SELECT max(peak_kw) FROM grid.measured_peak_load WHERE asset_ref = ?", TRANSFORMER);
        double newPeak = Math.round(oldMax * 10 + 73) / 10.0; // 7.3 kW above any month measured so far
        // both hubs answer (and so cache their peak window) before the change
        Capacity beforeA = capacity(portA, bbox);
        Capacity beforeB = capacity(portB, bbox);
        assertThat(beforeA.window()).as("hub A's peak window before the run").endsWith("2026-10");
        assertThat(beforeB.window()).as("hub B's peak window before the run").endsWith("2026-10");
        assertThat(beforeB.peakKw()).as("hub B's peak of " + TRANSFORMER + " before the run").isLessThan(newPeak);
        // hub B answers a siting request there, and so keeps the capacity terms of its chains in memory
        sitingNear(portB, at);
        assertThat(termsCached(portB)).as("capacity terms hub B keeps after a siting answer").isPositive();

        try (PreparedStatement s = db.prepareStatement("INSERT INTO twohubs_pms.peak_load VALUES (?, 'PB', ?, ?, 0.9,"
                + " now(), clock_timestamp())")) {
            s.setString(1, TRANSFORMER);
            s.setString(2, NEW_MONTH);
            s.setDouble(3, newPeak);
            s.executeUpdate();
        }
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + portA + "/api/feeds/" + LOADS_FEED + "/runs"))
                .header("Authorization", basic("gis", "gis123")).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as("POST a run of " + LOADS_FEED + " on hub A: " + started.body()).isEqualTo(202);
        String runId = json.readTree(started.body()).get("runId").asText();
        HubKillIT.await("the load run on hub A finished", WORK_TIMEOUT, () -> !"RUNNING".equals(runStatus(db, runId)),
                () -> "status " + runStatus(db, runId), a);
        assertThat(runStatus(db, runId)).as("the load run").isEqualTo("SUCCEEDED");
        assertThat(queryText(db, "SELECT read || ' read, ' || quarantined || ' quarantined' FROM feeds.feed_run"
                + " WHERE id = ?::uuid", runId)).as("the load run's counts").isEqualTo("1 read, 0 quarantined");
        assertThat(queryText(db, "SELECT hub_instance FROM feeds.feed_run WHERE id = ?::uuid", runId))
                .as("the instance that ran the load run").isEqualTo(idA);
        Instant committed = queryInstant(db, "SELECT finished_at FROM feeds.feed_run WHERE id = ?::uuid", runId);

        long deadline = System.nanoTime() + CACHE_FOLLOWS_WITHIN.toNanos();
        Capacity seenByB;
        while (true) {
            seenByB = capacity(portB, bbox);
            if (seenByB.window().endsWith(NEW_MONTH) && seenByB.peakKw() == newPeak) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("hub B still answers the old peak " + seenByB + " " + CACHE_FOLLOWS_WITHIN
                        + " after the run on hub A (new peak " + newPeak + " kW in " + NEW_MONTH + ")\nhub B log:\n"
                        + b.tail(20));
            }
            Thread.sleep(50);
        }
        double followedAfter = Duration.between(committed, Instant.now()).toMillis() / 1e3;
        // B's siting terms were forgotten with the same event, before any further siting answer there
        assertThat(termsCached(portB)).as("capacity terms hub B keeps after the run on hub A").isZero();
        sitingNear(portB, at);
        Capacity seenByA = capacity(portA, bbox);
        assertThat(seenByA.window()).as("hub A's own peak window after its run").endsWith(NEW_MONTH);
        assertThat(seenByA.peakKw()).as("hub A's peak of " + TRANSFORMER).isEqualTo(newPeak);
        assertThat(Files.readString(logB)).as("hub B's log: it heard the change from the topic")
                .contains("grid changed on another hub instance (feed " + LOADS_FEED + ", run " + runId + ")");
        figures.add(String.format("caches: load run %s on hub A committed; hub B answered the new peak window (%s) and"
                + " peak (%.1f kW, was %.1f) %.2f s later (bound %d s), its siting's capacity terms forgotten", runId, seenByB.window(), newPeak,
                beforeB.peakKw(), followedAfter, CACHE_FOLLOWS_WITHIN.toSeconds()));
    }

    /** Properties 2 and 3: both hubs consume the MIS's requests; each thing once; the relay never concurrent. */
    private void competingConsumers(Connection db, StandaloneArtemis artemis, HubProcess a, HubProcess b, int portA,
            int portB, String idA, String idB, String run, List<String> figures) throws Exception {
        long requestsBeforeA = misRequestExchanges(portA);
        long requestsBeforeB = misRequestExchanges(portB);
        long outboxBefore = (long) queryDouble(db, "SELECT coalesce(max(id), 0) FROM messaging.outbox");
        CountingMis mis = new CountingMis(artemis.url(), StandaloneArtemis.MIS_USER, StandaloneArtemis.MIS_PASSWORD,
                "gridhub.requests", "gridhub.replies.twohubs-" + run.toLowerCase(), "gridhub.events.mis", NOUN);
        String casePrefix = "TWO-" + run + "-";
        ConnectionApplicationRequests requests = new ConnectionApplicationRequests();
        List<String> ids = new ArrayList<>();
        Map<String, String> text = new HashMap<>();
        Map<String, String> copyOf = new LinkedHashMap<>();
        Random random = new Random(12);
        try {
            mis.connect();
            long sendStarted = System.nanoTime();
            for (int i = 0; i < CASES; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                text.put(id, requests.create(id, casePrefix + i, i, List.of(), "PLAN_REPLY"));
                HubKillIT.send(mis, copyOf, id, text.get(id));
                if ((i + 1) % COPY_EVERY == 0) {
                    String earlier = ids.get(random.nextInt(ids.size()));
                    HubKillIT.send(mis, copyOf, earlier, text.get(earlier));
                }
                if ((i + 1) % SEND_BATCH == 0) {
                    mis.commit();
                }
            }
            mis.commit();
            double sent = (System.nanoTime() - sendStarted) / 1e9;
            HubKillIT.await("every copy answered, every created event received, the outbox empty", WORK_TIMEOUT,
                    () -> mis.copiesAnswered() == copyOf.size() && mis.createdEventsByCause().keySet().containsAll(ids)
                            && HubKillIT.unsent(db) == 0,
                    () -> String.format("%d of %d copies answered, %d of %d created events, %d outbox rows unsent",
                            mis.copiesAnswered(), copyOf.size(),
                            ids.stream().filter(mis.createdEventsByCause()::containsKey).count(), ids.size(),
                            HubKillIT.unsent(db)), a);
            double done = (System.nanoTime() - sendStarted) / 1e9;
            Thread.sleep(1_000); // late copies, if any, are counted too
            List<String> arrivals = mis.eventArrivalOrder();
            mis.disconnect();

            long handledA = misRequestExchanges(portA) - requestsBeforeA;
            long handledB = misRequestExchanges(portB) - requestsBeforeB;
            Map<String, Long> sentBy = new TreeMap<>();
            try (PreparedStatement s = db.prepareStatement("SELECT coalesce(sent_by, '(none)'), count(*) FROM messaging.outbox"
                    + " WHERE id > ? GROUP BY 1")) {
                s.setLong(1, outboxBefore);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        sentBy.put(r.getString(1), r.getLong(2));
                    }
                }
            }
            List<String> senders = strings(db, "SELECT coalesce(sent_by, '(none)') FROM messaging.outbox WHERE id > "
                    + outboxBefore + " ORDER BY id");
            int handovers = 0;
            for (int i = 1; i < senders.size(); i++) {
                handovers += senders.get(i).equals(senders.get(i - 1)) ? 0 : 1;
            }
            figures.add(String.format("MIS: %d requests + %d copies of earlier ones sent in %.1f s; all answered and"
                    + " every created event received %.1f s after the first send", CASES, copyOf.size() - CASES, sent,
                    done));
            figures.add(String.format("consumers: mis-requests exchanges on hub A %d, on hub B %d (%d copies sent)",
                    handledA, handledB, copyOf.size()));
            figures.add(String.format("replies %d for %d copies; events received %d, raw duplicates %d",
                    mis.replyArrivals(), copyOf.size(), mis.eventArrivals(), mis.eventDuplicatesDropped()));
            figures.add(String.format("relay: outbox rows sent by hub A %d, by hub B %d, other %d; sender changed %d times"
                    + " along the id order", sentBy.getOrDefault(idA, 0L), sentBy.getOrDefault(idB, 0L),
                    sentBy.entrySet().stream().filter(e -> !e.getKey().equals(idA) && !e.getKey().equals(idB))
                            .mapToLong(Map.Entry::getValue).sum(), handovers));

            assertThat(mis.failures()).as("unreadable replies or events").isEmpty();
            assertThat(handledA).as("requests handled by hub A's consumers").isPositive();
            assertThat(handledB).as("requests handled by hub B's consumers").isPositive();
            HubKillIT.checkReplies(mis, ids, copyOf);
            HubKillIT.checkDatabase(db, mis, casePrefix, ids);
            assertThat(strings(db, "SELECT c.case_no FROM cases.connection_case c WHERE c.case_no LIKE '" + casePrefix
                    + "%' AND (SELECT count(*) FROM plans.supply_plan p WHERE p.case_no = c.case_no"
                    + " AND p.status <> 'WITHDRAWN') <> 1")).as("cases without exactly one live plan").isEmpty();
            HubKillIT.checkEvents(db, mis, ids);
            assertThat(mis.replyArrivals()).as("reply arrivals: one per copy, none twice").isEqualTo(copyOf.size());
            assertThat(mis.eventDuplicatesDropped()).as("events the MIS received twice (no hub died)").isZero();
            assertThat(strings(db, "SELECT message_id || ' attempts ' || attempts FROM messaging.outbox WHERE id > "
                    + outboxBefore + " AND attempts <> 1")).as("outbox rows not sent exactly once (attempts)").isEmpty();
            assertThat(sentBy.keySet()).as("instances whose relay sent the rows").isSubsetOf(idA, idB);
            checkOrderPerCase(db, arrivals, outboxBefore);
        } finally {
            mis.disconnect();
        }
    }

    /** Every events-queue row since {@code outboxBefore} arrived once, and each case's in outbox id order. */
    private static void checkOrderPerCase(Connection db, List<String> arrivals, long outboxBefore) throws SQLException {
        Map<String, long[]> row = new HashMap<>(); // message id -> outbox id
        Map<String, String> key = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT message_id, ordering_key, id FROM messaging.outbox"
                + " WHERE id > ? AND address = 'gridhub.events.mis'")) {
            s.setLong(1, outboxBefore);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    row.put(r.getString(1), new long[] {r.getLong(3)});
                    key.put(r.getString(1), r.getString(2));
                }
            }
        }
        List<String> ours = arrivals.stream().filter(row::containsKey).toList();
        assertThat(ours).as("events of this phase received: each outbox row once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(row.keySet());
        Map<String, Long> lastIdPerKey = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        for (String m : ours) {
            long id = row.get(m)[0];
            Long last = lastIdPerKey.put(key.get(m), id);
            if (last != null && last > id) {
                outOfOrder.add(key.get(m) + ": row " + id + " after row " + last);
            }
        }
        assertThat(outOfOrder).as("events that reached the MIS out of their case's order").isEmpty();
    }

    /**
     * Hub A dies (SIGKILL) with nothing in flight but perhaps a scheduled run: hub B alone answers new
     * requests, its relay sends their events (the lock died with A's connection), and it runs the
     * following firings of the schedule.
     */
    private void hubBCarriesOnAlone(Connection db, StandaloneArtemis artemis, HubProcess a, HubProcess b, String idB,
            String run, List<String> figures) throws Exception {
        long outboxBefore = (long) queryDouble(db, "SELECT coalesce(max(id), 0) FROM messaging.outbox");
        a.kill();
        long killedMs = System.currentTimeMillis();
        Instant killed = dbNow(db);
        CountingMis mis = new CountingMis(artemis.url(), StandaloneArtemis.MIS_USER, StandaloneArtemis.MIS_PASSWORD,
                "gridhub.requests", "gridhub.replies.twohubs-b-" + run.toLowerCase(), "gridhub.events.mis", NOUN);
        String casePrefix = "TWO-" + run + "-B-";
        ConnectionApplicationRequests requests = new ConnectionApplicationRequests();
        List<String> ids = new ArrayList<>();
        Map<String, String> copyOf = new LinkedHashMap<>();
        try {
            mis.connect();
            for (int i = 0; i < AFTER_THE_KILL; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                HubKillIT.send(mis, copyOf, id, requests.create(id, casePrefix + i, i, List.of(), "PLAN_REPLY"));
            }
            mis.commit();
            HubKillIT.await("hub B alone: every request answered, every created event received, the outbox empty", WORK_TIMEOUT,
                    () -> mis.copiesAnswered() == copyOf.size() && mis.createdEventsByCause().keySet().containsAll(ids)
                            && HubKillIT.unsent(db) == 0,
                    () -> String.format("%d of %d answered, %d created events, %d outbox rows unsent",
                            mis.copiesAnswered(), copyOf.size(), mis.createdEventsByCause().size(), HubKillIT.unsent(db)), b);
            HubKillIT.await("hub B runs a firing of " + TICK_FEED + " scheduled after hub A died", WORK_TIMEOUT,
                    () -> ranOnBAfter(db, killed, idB) != null, () -> "none yet", b);
            Instant firstTickOnB = ranOnBAfter(db, killed, idB);
            // JMSTimestamp: when hub B's relay sent it (same machine's clock)
            double firstEventOnB = (mis.firstEventSentAfter(killedMs) - killedMs) / 1e3;
            mis.disconnect();
            figures.add(String.format("hub A killed: hub B answered %d new requests and its relay sent their %d events"
                    + " (first %.2f s after the kill); its first scheduled run after the kill was the firing %.1f s after it",
                    ids.size(), (long) queryDouble(db, "SELECT count(*) FROM messaging.outbox WHERE id > ?", outboxBefore),
                    firstEventOnB, Duration.between(killed, firstTickOnB).toMillis() / 1e3));

            HubKillIT.checkReplies(mis, ids, copyOf);
            HubKillIT.checkDatabase(db, mis, casePrefix, ids);
            HubKillIT.checkEvents(db, mis, ids);
            assertThat(strings(db, "SELECT DISTINCT coalesce(sent_by, '(none)') FROM messaging.outbox WHERE id > "
                    + outboxBefore)).as("the relay that sent the rows after hub A died").containsExactly(idB);
            assertThat(strings(db, "SELECT message_id FROM messaging.outbox WHERE id > " + outboxBefore
                    + " AND attempts <> 1")).as("rows sent more than once after the kill").isEmpty();
        } finally {
            mis.disconnect();
        }
    }

    /** Scheduled fire time of the first run of the tick feed on hub B for a firing after {@code after}, or null. */
    private static Instant ranOnBAfter(Connection db, Instant after, String idB) {
        try (PreparedStatement s = db.prepareStatement("SELECT min(scheduled_for) FROM feeds.feed_run WHERE feed_id = ?"
                + " AND trigger = 'SCHEDULE' AND hub_instance = ? AND scheduled_for > ? AND status = 'SUCCEEDED'")) {
            s.setString(1, TICK_FEED);
            s.setString(2, idB);
            s.setTimestamp(3, Timestamp.from(after));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                Timestamp t = r.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (at most {@code limit}) until {@code firings} firings of the scheduled feed since {@code since} have finished. */
    private static void awaitFirings(Connection db, Instant since, int firings, Duration limit)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (PreparedStatement s = db.prepareStatement("SELECT count(DISTINCT scheduled_for) FROM feeds.feed_run"
                + " WHERE feed_id = ? AND trigger = 'SCHEDULE' AND finished_at IS NOT NULL AND scheduled_for >= ?")) {
            s.setString(1, TICK_FEED);
            s.setTimestamp(2, Timestamp.from(since));
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) >= firings) {
                        return;
                    }
                }
                Thread.sleep(250);
            }
        }
    }

    /** Property 1: each firing of the scheduled feed while both hubs were up ran once, on one of them. */
    private static void scheduledRunsOnce(Connection db, Instant bothUp, String idA, String idB, List<String> figures)
            throws SQLException {
        record Run(Instant scheduledFor, String instance, Instant started, Instant finished, String status) {}
        List<Run> runs = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT scheduled_for, hub_instance, started_at, finished_at, status"
                + " FROM feeds.feed_run WHERE feed_id = ? AND trigger = 'SCHEDULE' ORDER BY started_at")) {
            s.setString(1, TICK_FEED);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp f = r.getTimestamp(4);
                    runs.add(new Run(r.getTimestamp(1) == null ? null : r.getTimestamp(1).toInstant(), r.getString(2),
                            r.getTimestamp(3).toInstant(), f == null ? null : f.toInstant(), r.getString(5)));
                }
            }
        }
        assertThat(runs).as("scheduled runs of " + TICK_FEED).allSatisfy(r -> {
            assertThat(r.scheduledFor()).as("fire time recorded").isNotNull();
            assertThat(r.instance()).as("instance recorded").isIn(idA, idB);
        });
        Map<Instant, List<Run>> byFiring = runs.stream().filter(r -> r.finished() != null)
                .collect(Collectors.groupingBy(Run::scheduledFor, TreeMap::new, Collectors.toList()));
        List<Instant> whileBoth = byFiring.keySet().stream().filter(t -> !t.isBefore(bothUp)).toList();
        Map<String, Long> perInstance = whileBoth.stream().map(t -> byFiring.get(t).get(0).instance())
                .collect(Collectors.groupingBy(i -> i.equals(idA) ? "A" : "B", TreeMap::new, Collectors.counting()));
        figures.add(String.format("schedule: %d firings of %s (every %d s) while both hubs ran, run by hub A %d, hub B %d;"
                + " %d scheduled runs in all", whileBoth.size(), TICK_FEED, TICK_EVERY_S, perInstance.getOrDefault("A", 0L),
                perInstance.getOrDefault("B", 0L), runs.size()));

        assertThat(whileBoth.size()).as("firings while both hubs ran").isGreaterThanOrEqualTo(MIN_FIRINGS);
        byFiring.forEach((t, list) -> assertThat(list).as("runs of the firing at " + t).hasSize(1));
        List<Instant> times = new ArrayList<>(byFiring.keySet());
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).as("firing after " + times.get(i - 1)
                    + ": none missing").isEqualTo(Duration.ofSeconds(TICK_EVERY_S));
        }
        for (int i = 1; i < runs.size(); i++) {
            Run before = runs.get(i - 1);
            Run after = runs.get(i);
            assertThat(before.finished()).as("run of " + before.scheduledFor() + " ended before the next started")
                    .isNotNull().isBeforeOrEqualTo(after.started());
        }
        assertThat(runs.stream().filter(r -> r.finished() != null).map(Run::status).distinct().toList())
                .as("outcomes of the scheduled runs").containsOnly("SUCCEEDED");
    }

    private static String feedsYaml(String dbUrl, String user, String password) {
        StringBuilder y = new StringBuilder("hub:\n  feeds:\n");
        for (String[] feed : new String[][] {{TICK_FEED, "tick", "\"0/" + TICK_EVERY_S + " * * * * ?\""},
                {LOADS_FEED, "peak_load", null}}) {
            y.append("    ").append(feed[0]).append(":\n")
                    .append("      kind: mis-jdbc\n")
                    .append("      url: ").append(dbUrl).append('\n')
                    .append("      username: ").append(user).append('\n')
                    .append("      password: ").append(password).append('\n')
                    .append("      mode: incremental\n")
                    .append(feed[2] == null ? "" : "      schedule: " + feed[2] + "\n")
                    .append("      sql: >-\n")
                    .append("        SELECT sbbm, sblx, tjyf, zdfh_kw, glys, cjsj, gxsj\n")
                    .append("        FROM twohubs_pms.").append(feed[1]).append('\n')
                    .append("        WHERE gxsj > COALESCE(CAST(:watermark AS timestamptz), '-infinity') ORDER BY gxsj\n")
                    .append("      watermark-column: gxsj\n");
        }
        return y.toString();
    }

    private static Map<String, String> settings(String name, String dbUrl, String dbUser, String dbPassword,
            StandaloneArtemis artemis, Path feeds, Path work) {
        int port = TestPorts.port("HUB_TEST_TWO_HUBS_" + name.toUpperCase() + "_HTTP_PORT");
        Map<String, String> s = new LinkedHashMap<>(
                HubKillIT.hubSettings(dbUrl, dbUser, dbPassword, port, 0, work.resolve("data-" + name)));
        s.remove("HUB_BROKER_PORT"); // native mode: no embedded broker
        s.put("HUB_BROKER_MODE", "native");
        s.put("HUB_BROKER_URL", artemis.url());
        s.put("HUB_BROKER_USER", StandaloneArtemis.USER);
        s.put("HUB_BROKER_PASSWORD", StandaloneArtemis.PASSWORD);
        s.put("HUB_BROKER_MIS_PASSWORD", StandaloneArtemis.MIS_PASSWORD);
        s.put("HUB_SAMPLE_GRID", "true"); // the first hub loads it into the empty store, the second finds it
        s.put("HUB_DEMO_USERS", "true"); // loopback only (SERVER_ADDRESS): gis starts the run, admin reads metrics
        s.put("HUB_EXTRA_FEEDS", feeds.toString());
        s.put("HUB_DB_POOL_SIZE", "8");
        s.put("HUB_SESSION_STORE", "database"); // behind one load balancer without sticky sessions
        return s;
    }

    private static Path jar() {
        Path jar = Path.of("target", "gridhub.jar").toAbsolutePath();
        assertThat(jar).as("the packaged hub (mvn package runs before the ITs)").exists();
        return jar;
    }

    /** The Quartz instance that checked in that is not one of {@code known}: the hub just started. */
    private static String onlyNew(Connection db, Set<String> known) throws SQLException {
        List<String> fresh = strings(db, "SELECT instance_name FROM quartz.qrtz_scheduler_state").stream()
                .filter(i -> !known.contains(i)).toList();
        assertThat(fresh).as("Quartz instances checked in besides " + known).hasSize(1);
        return fresh.get(0);
    }

    /** Capacity answer for the one transformer in {@code bbox}: the peak window and its peak. */
    record Capacity(String window, double peakKw, String peakMonth) {}

    private Capacity capacity(int port, String bbox) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/grid/capacity?type=distribution_transformer&bbox=" + bbox))
                .header("Authorization", basic("cm", "cm123")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("capacity on port " + port + ": " + r.body()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        for (JsonNode f : body.get("features")) {
            JsonNode p = f.get("properties");
            if (TRANSFORMER.equals(p.get("assetId").asText())) {
                return new Capacity(body.get("peakWindow").asText(), p.get("peakKw").asDouble(), p.get("peakMonth").asText());
            }
        }
        throw new AssertionError(TRANSFORMER + " not in the capacity answer: " + r.body());
    }

    /** A 10 kV siting request (500 kVA) 100 m north of {@code at}, as the customer manager. */
    private void sitingNear(int port, double[] at) throws Exception {
        String body = String.format(java.util.Locale.ROOT, "{\"lon\": %.6f, \"lat\": %.6f, \"requestedKva\": 500,"
                + " \"customerCategory\": \"LARGE_INDUSTRY\", \"importance\": \"NORMAL\"}", at[0], at[1] + 0.0009);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/siting/candidates")).header("Authorization", basic("cm", "cm123"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("siting on port " + port + ": " + r.body()).isEqualTo(200);
        assertThat(json.readTree(r.body()).get("candidates")).as("siting candidates on port " + port).isNotEmpty();
    }

    /** How many links' capacity terms the hub keeps in memory (ChainTermsCache, its Prometheus gauge). */
    private long termsCached(int port) throws Exception {
        return prometheus(port).filter(l -> l.startsWith("cache_size{") && l.contains("cache=\"capacity.terms\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no cache_size of capacity.terms on port " + port));
    }

    /** The exchanges hub's {@code mis-requests} route has completed (its Prometheus counter). */
    private long misRequestExchanges(int port) throws Exception {
        return prometheus(port).filter(l -> l.startsWith("camel_exchanges_total{") && l.contains("routeId=\"mis-requests\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The lines of the hub's {@code /actuator/prometheus}, as the admin. */
    private java.util.stream.Stream<String> prometheus(int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/prometheus")).header("Authorization", basic("admin", "admin123"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("prometheus on port " + port).isEqualTo(200);
        return r.body().lines();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static double[] transformerAt(Connection db, String sourceId) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT ST_X(geom), ST_Y(geom) FROM grid.distribution_transformer"
                + " WHERE source_id = ? AND lifecycle = 'IN_SERVICE'")) {
            s.setString(1, sourceId);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("transformer " + sourceId + " in the sample grid").isTrue();
                return new double[] {r.getDouble(1), r.getDouble(2)};
            }
        }
    }

    private static String runStatus(Connection db, String runId) {
        try {
            return queryText(db, "SELECT status FROM feeds.feed_run WHERE id = ?::uuid", runId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant dbNow(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT now()")) {
            r.next();
            return r.getTimestamp(1).toInstant();
        }
    }

    private static String queryText(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static Instant queryInstant(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getTimestamp(1).toInstant();
            }
        }
    }

    private static double queryDouble(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getDouble(1);
            }
        }
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}

package io.gridhub.messaging;

import static io.gridhub.messaging.HubKillIT.await;
import static io.gridhub.messaging.HubKillIT.checkDatabase;
import static io.gridhub.messaging.HubKillIT.checkEvents;
import static io.gridhub.messaging.HubKillIT.checkReplies;
import static io.gridhub.messaging.HubKillIT.deleteTree;
import static io.gridhub.messaging.HubKillIT.hubSettings;
import static io.gridhub.messaging.HubKillIT.queueDepths;
import static io.gridhub.messaging.HubKillIT.unsent;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.gridhub.TestPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A crash-like restart of PostgreSQL under MIS traffic (issue 12, item 4). The test runs a cluster of
 * its own ({@link PrivatePostgres}, never the shared one) and the packaged hub against it
 * ({@link HubProcess}); the marketing MIS ({@link CountingMis}) sends {@code create
 * ConnectionApplication} requests at a steady rate before, during and after the outage. PostgreSQL
 * gets {@code pg_ctl stop -m immediate} (no checkpoint, connections cut, as a crash) and
 * {@code pg_ctl start} {@value #OUTAGE_SECONDS} s later. Then:
 * <ul>
 * <li>the hub backed off while the database was down: hub log lines and failed deliveries of MIS
 *     requests per second of outage stay under a bound a spinning route would break by far;</li>
 * <li>{@code /actuator/health} answered DOWN (503) during the outage, every probe within
 *     {@link #HEALTH_ANSWER_WITHIN}, and UP (200) after it;</li>
 * <li>nothing went to the dead-letter address, every request sent before, during or after the outage
 *     got its reply, once its case was created (each case once, each MessageID recorded once);</li>
 * <li>every {@code created ConnectionApplication} event reached the MIS, nothing is left unsent;</li>
 * <li>the connection pool recovered: requests after the restart are answered, and afterwards the
 *     hub's connections in {@code pg_stat_activity} are within the pool size, none left in a
 *     transaction.</li>
 * </ul>
 * It prints the times from PostgreSQL back to health UP and to the first new case committed.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PostgresRestartIT {

    static final int OUTAGE_SECONDS = 15;
    /** The MIS sends this many requests (one JMS transaction) every {@link #SEND_PERIOD_MS}. */
    static final int SEND_BATCH = 2;
    static final long SEND_PERIOD_MS = 200;
    /** Replies before the database is stopped: traffic flows. */
    static final int REPLIES_BEFORE_STOP = 30;
    /** Traffic goes on this long after health is UP again. */
    static final Duration TRAFFIC_AFTER_RECOVERY = Duration.ofSeconds(5);
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /**
     * Bounds of a hub that backs off: a route that retried at once would write hundreds of log entries
     * (each with its stack trace) and fail hundreds of deliveries per second of outage. The connections
     * cut by the crash give one burst of entries with long stack traces (about a thousand lines in the
     * first second), then the hub waits quietly for the database.
     */
    static final double MAX_LOG_ENTRIES_PER_SECOND = 5;
    static final double MAX_LOG_LINES_PER_SECOND = 200;
    static final double MAX_FAILED_DELIVERIES_PER_SECOND = 2;
    /** A probe of /actuator/health must get an answer within this, database down or not. */
    static final Duration HEALTH_ANSWER_WITHIN = Duration.ofSeconds(6);

    static final String NOUN = "ConnectionApplication";
    static final String DATABASE = "gridhub";
    static final String DB_USER = "gridhub";
    static final String DB_PASSWORD = "gridhub";

    @Test
    void theHubRidesOutAPostgresRestartUnderTraffic() throws Exception {
        Path work = Path.of("target", "pg-restart-it").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        Path hubLog = work.resolve("hub.log");
        int brokerPort = TestPorts.port("HUB_TEST_PGFAULT_BROKER_PORT");
        int httpPort = TestPorts.port("HUB_TEST_PGFAULT_HTTP_PORT");
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        String casePrefix = "PGR-" + run + "-";
        CountingMis mis = new CountingMis("tcp://127.0.0.1:" + brokerPort, "mis", "mis", "gridhub.requests",
                "gridhub.replies.pgr-" + run.toLowerCase(), "gridhub.events.mis", NOUN);
        Sender sender = new Sender(mis, casePrefix);
        HealthWatch health = new HealthWatch(httpPort);

        PrivatePostgres cluster = new PrivatePostgres(work.resolve("pg"), TestPorts.port("HUB_TEST_PGFAULT_PG_PORT"));
        Map<String, String> settings = hubSettings(cluster.jdbcUrl(DATABASE), DB_USER, DB_PASSWORD, httpPort, brokerPort,
                work.resolve("data"));
        int poolSize = Integer.parseInt(settings.get("HUB_DB_POOL_SIZE"));

        try (PrivatePostgres pg = cluster;
             HubProcess hub = new HubProcess(Path.of("target", "gridhub.jar").toAbsolutePath(), settings, hubLog)) {
            assertThat(Path.of("target", "gridhub.jar")).as("the packaged hub (mvn package runs before the ITs)").exists();
            pg.create().createDatabase(DATABASE, DB_USER, DB_PASSWORD);
            double start = hub.start(START_TIMEOUT);
            mis.connect();
            health.start();
            sender.start();
            await("replies to " + REPLIES_BEFORE_STOP + " requests before the outage",
                    () -> mis.copiesAnswered() >= REPLIES_BEFORE_STOP, () -> mis.copiesAnswered() + " answered", hub);

            // the outage: a crash-like stop, a fixed time down, a start (recovery from WAL)
            long logLinesAtStop = lines(hubLog);
            int answeredAtStop = mis.copiesAnswered();
            int sentAtStop = sender.sent();
            long stoppedAt = System.nanoTime();
            pg.stopImmediately();
            Thread.sleep(OUTAGE_SECONDS * 1000L); // the outage itself, not a synchronisation
            long logLinesAtStart = lines(hubLog);
            int answeredDuringOutage = mis.copiesAnswered() - answeredAtStop;
            int sentDuringOutage = sender.sent() - sentAtStop;
            String outageLog = linesBetween(hubLog, logLinesAtStop, logLinesAtStart);
            long startedAt = System.nanoTime();
            double down = (startedAt - stoppedAt) / 1e9;
            pg.start();
            long pgUpAt = System.nanoTime();

            await("health UP (200) after PostgreSQL is back", () -> health.firstUpAfter(pgUpAt) != null,
                    health::summary, hub);
            double toHealthy = (health.firstUpAfter(pgUpAt) - pgUpAt) / 1e9;
            Long firstCase;
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl(DATABASE), DB_USER, DB_PASSWORD)) {
                await("a case committed after PostgreSQL is back", () -> casesSinceStart(db, casePrefix) > 0,
                        () -> "none yet", hub);
                firstCase = System.nanoTime();
            }
            double toFirstCase = (firstCase - pgUpAt) / 1e9;
            Thread.sleep(TRAFFIC_AFTER_RECOVERY.toMillis()); // traffic after recovery, then the MIS stops sending
            sender.stop();
            assertThat(sender.failure()).as("the MIS could not send").isNull();

            try (Connection db = DriverManager.getConnection(pg.jdbcUrl(DATABASE), DB_USER, DB_PASSWORD)) {
                Map<String, String> copies = sender.copies();
                await("every request answered, every created event received, the outbox empty",
                        () -> mis.copiesAnswered() == copies.size()
                                && mis.createdEventsByCause().keySet().containsAll(copies.values())
                                && unsent(db) == 0,
                        () -> String.format("%d of %d answered, %d with their created event, %d outbox rows unsent; "
                                + "broker: %s", mis.copiesAnswered(), copies.size(),
                                copies.values().stream().filter(mis.createdEventsByCause()::containsKey).count(),
                                unsent(db), queueDepths(brokerPort)), hub);
                double drained = (System.nanoTime() - pgUpAt) / 1e9;
                health.stop();
                mis.disconnect();

                long outageLines = logLinesAtStart - logLinesAtStop;
                int outageEntries = count(outageLog, "\n20") + (outageLog.startsWith("20") ? 1 : 0);
                int failedDeliveries = count(outageLog, "Execution of JMS message listener failed");
                int relayFailures = count(outageLog, "outbox relay failed");
                Map<String, Integer> states = hubConnections(pg, backendPid(db));
                String figures = String.format("""
                        hub start %.1f s; %d requests sent (%d during the outage), %d answered before the stop
                        PostgreSQL down %.1f s (pg_ctl stop -m immediate .. pg_ctl start); replies during the outage %d
                        during the outage: %d hub log entries (%.2f/s), %d lines (%.1f/s), %d failed deliveries of MIS requests (%.2f/s), %d outbox relay failures
                        health: first DOWN %.1f s after the stop, slowest answer during the outage %.1f s; UP %.1f s after PostgreSQL was back; samples %s
                        first case committed %.1f s after PostgreSQL was back; everything answered and relayed %.1f s after
                        reply arrivals %d for %d requests; event arrivals %d, dropped as duplicates by MessageID %d
                        hub connections at the end %s
                        """, start, copies.size(), sentDuringOutage, answeredAtStop, down, answeredDuringOutage,
                        outageEntries, outageEntries / down, outageLines, outageLines / down, failedDeliveries,
                        failedDeliveries / down, relayFailures, health.firstDownAfterSeconds(stoppedAt),
                        health.slowestBetween(stoppedAt, pgUpAt), toHealthy, health.summary(), toFirstCase, drained,
                        mis.replyArrivals(), copies.size(), mis.eventArrivals(), mis.eventDuplicatesDropped(), states);
                Files.writeString(work.resolve("figures.txt"), figures);
                System.out.print("PostgresRestartIT: " + figures);
                Files.writeString(work.resolve("outage.log"), outageLog);

                // backing off, not spinning
                assertThat(outageEntries / down).as("hub log entries per second of outage:\n" + head(outageLog, 60))
                        .isLessThan(MAX_LOG_ENTRIES_PER_SECOND);
                assertThat(outageLines / down).as("hub log lines per second of outage").isLessThan(MAX_LOG_LINES_PER_SECOND);
                assertThat(failedDeliveries / down).as("failed deliveries of MIS requests per second of outage")
                        .isLessThan(MAX_FAILED_DELIVERIES_PER_SECOND);
                // health went DOWN and came back
                assertThat(health.downBetween(stoppedAt, pgUpAt)).as("health DOWN (503) while PostgreSQL was down: "
                        + health.summary()).isTrue();
                assertThat(health.unansweredBetween(stoppedAt, pgUpAt)).as("health probes without an answer within "
                        + HEALTH_ANSWER_WITHIN + " while PostgreSQL was down: " + health.summary()).isZero();
                // nothing lost, nothing twice, nothing dead-lettered
                assertThat(mis.failures()).as("unreadable replies or events").isEmpty();
                assertThat(queueDepths(brokerPort)).as("the request queue and the dead-letter address at the end")
                        .isEqualTo("gridhub.requests 0 []; gridhub.DLQ 0 []; ");
                List<String> ids = List.copyOf(copies.values());
                checkReplies(mis, ids, copies);
                checkDatabase(db, mis, casePrefix, ids);
                checkEvents(db, mis, ids);
                // the pool recovered: no connection left behind in a transaction, none beyond the pool
                assertThat(states.values().stream().mapToInt(Integer::intValue).sum())
                        .as("the hub's connections by state " + states).isLessThanOrEqualTo(poolSize);
                assertThat(states).as("the hub's connections by state, all work done")
                        .doesNotContainKeys("idle in transaction", "idle in transaction (aborted)");

            }
        } finally {
            sender.stop();
            health.stop();
            mis.disconnect();
        }
    }

    /** The MIS sending {@value #SEND_BATCH} new requests every {@value #SEND_PERIOD_MS} ms, each batch one JMS transaction. */
    private static final class Sender {
        private final CountingMis mis;
        private final String casePrefix;
        private final ConnectionApplicationRequests requests = new ConnectionApplicationRequests();
        /** copy id (JMSCorrelationID) -> request MessageID; one copy per request here. */
        private final Map<String, String> copies = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sent = new AtomicInteger();
        private volatile Exception failure;
        private Thread thread;

        Sender(CountingMis mis, String casePrefix) {
            this.mis = mis;
            this.casePrefix = casePrefix;
        }

        void start() {
            thread = new Thread(this::send, "mis-sender");
            thread.setDaemon(true);
            thread.start();
        }

        private void send() {
            long next = System.nanoTime();
            try {
                while (running.get()) {
                    for (int k = 0; k < SEND_BATCH; k++) {
                        int i = sent.get();
                        String id = UUID.randomUUID().toString();
                        mis.send(requests.create(id, casePrefix + i, i), id);
                        copies.put(id, id);
                        sent.incrementAndGet();
                    }
                    mis.commit();
                    next += TimeUnit.MILLISECONDS.toNanos(SEND_PERIOD_MS);
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // the sending rate
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure = e;
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(10_000);
            }
        }

        int sent() {
            return sent.get();
        }

        Exception failure() {
            return failure;
        }

        /** The requests committed to the broker: with the sender stopped, all of them. */
        Map<String, String> copies() {
            return Map.copyOf(copies);
        }
    }

    /**
     * Polls /actuator/health every 250 ms and keeps each answer's status code and time (-1: no answer
     * within {@link #HEALTH_ANSWER_WITHIN}, as a probe with that timeout would see it). Times are
     * {@link System#nanoTime()}. Also used by {@link ArtemisHaIT}.
     */
    static final class HealthWatch {
        record Sample(long at, int status, long tookNanos) {}

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final HttpRequest request;
        private final List<Sample> samples = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        HealthWatch(int httpPort) {
            request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                    .timeout(HEALTH_ANSWER_WITHIN).build();
        }

        void start() {
            thread = new Thread(this::poll, "health-watch");
            thread.setDaemon(true);
            thread.start();
        }

        private void poll() {
            while (running.get()) {
                long at = System.nanoTime();
                int status;
                try {
                    status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    return;
                }
                samples.add(new Sample(at, status, System.nanoTime() - at));
                try {
                    Thread.sleep(Math.max(0, 250 - (System.nanoTime() - at) / 1_000_000)); // the polling period
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.interrupt();
                thread.join(5_000);
            }
        }

        /** When the first 200 asked after {@code after} was asked, or null. */
        Long firstUpAfter(long after) {
            return samples.stream().filter(s -> s.at >= after && s.status == 200).map(Sample::at).findFirst().orElse(null);
        }

        boolean downBetween(long from, long to) {
            return samples.stream().anyMatch(s -> s.at >= from && s.at < to && s.status == 503);
        }

        long unansweredBetween(long from, long to) {
            return samples.stream().filter(s -> s.at >= from && s.at < to && s.status == -1).count();
        }

        double slowestBetween(long from, long to) {
            return samples.stream().filter(s -> s.at >= from && s.at < to).mapToLong(Sample::tookNanos).max().orElse(0) / 1e9;
        }

        double firstDownAfterSeconds(long after) {
            return samples.stream().filter(s -> s.at >= after && s.status == 503).findFirst()
                    .map(s -> (s.at - after) / 1e9).orElse(Double.NaN);
        }

        /** Runs of equal answers, e.g. {@code 200×40 -1×3 503×50 200×20}. */
        String summary() {
            StringBuilder out = new StringBuilder();
            int last = 0;
            int run = 0;
            for (Sample s : samples) {
                if (s.status != last && run > 0) {
                    out.append(last).append('×').append(run).append(' ');
                    run = 0;
                }
                last = s.status;
                run++;
            }
            return out.append(last).append('×').append(run).toString();
        }
    }

    /** Cases of this run whose transaction began after the server started (so committed after the restart). */
    private static int casesSinceStart(Connection db, String casePrefix) {
        try (PreparedStatement s = db.prepareStatement("SELECT count(*) FROM cases.connection_case "
                + "WHERE case_no LIKE ? AND created_at >= pg_postmaster_start_time()")) {
            s.setString(1, casePrefix + "%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hub's connections in pg_stat_activity (the test's own, {@code testPid}, left out), counted by state. */
    private static Map<String, Integer> hubConnections(PrivatePostgres pg, int testPid) throws SQLException {
        Map<String, Integer> states = new LinkedHashMap<>();
        try (Connection c = pg.superuser("postgres");
             PreparedStatement s = c.prepareStatement("SELECT coalesce(state, '?'), count(*) FROM pg_stat_activity "
                     + "WHERE usename = ? AND pid <> ? GROUP BY 1 ORDER BY 1")) {
            s.setString(1, DB_USER);
            s.setInt(2, testPid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    states.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return states;
    }

    private static int backendPid(Connection db) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT pg_backend_pid()"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    private static long lines(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.count();
        }
    }

    private static String linesBetween(Path log, long from, long to) throws IOException {
        try (Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return String.join("\n", lines.skip(from).limit(to - from).toList());
        }
    }

    private static String head(String text, int lines) {
        return String.join("\n", text.lines().limit(lines).toList());
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

package io.gridhub.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridhub.TestPorts;
import io.gridhub.grid.AssetType;
import io.gridhub.messaging.HubProcess;
import io.gridhub.samplegrid.SampleGridGenerator;
import io.gridhub.samplegrid.SampleGridSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.springframework.util.FileSystemUtils;

/**
 * {@code kill -9} of the hub in the middle of a 100k-feature feed run (issue 12, item 1). The
 * packaged hub runs as a child process ({@link HubProcess}) on its own database and data directory,
 * with one file feed, {@value #FEED}, a full snapshot of a whole grid per zip (a GeoJSONSeq file
 * per asset type). The sample grid generator writes a grid of about {@value #ASSETS} features:
 * <ol>
 * <li>version 1 goes into the inbox; its run commits (a first load);</li>
 * <li>version 2 (every feature renamed, 2 % of the poles gone, 1,000 new poles) goes in; when the
 *     run resource ({@code GET /api/feeds/runs/{id}}) says {@code merging}, i.e. the run's one
 *     transaction is writing the new version into the grid tables, the hub gets SIGKILL;</li>
 * <li>the hub restarts on the same database and inbox; the file still in the inbox is read again
 *     and that run commits.</li>
 * </ol>
 * From the end of run 1 to the end of the rerun a second reader observes the grid store without
 * pause: every few hundred milliseconds, in one snapshot, the feed's in-service and retired counts
 * per asset type, a checksum over every row (lifecycle, source id, name, content hash, updated_at)
 * and the latest committed run; and, while the hub is up, the hub's own {@code GET
 * /api/grid/summary}. The test requires that the grid state is a function of the latest committed
 * run: while that is run 1 (during run 2, after the kill, while the hub restarts and the rerun
 * reads) every observation equals the state run 1 left, the killed run never commits, and after the
 * rerun the in-service rows of every type are exactly the version 2 source (source id and name)
 * and the removed poles are retired. The killed run must be on record as FAILED (interrupted), not
 * left RUNNING. Bounded by the deadlines below and the class timeout; the child is killed whatever
 * happens.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FeedKillIT {

    static final String FEED = "feed-kill";
    static final long ASSETS = 100_000;
    /** Every this many poles (not named by a transformer), one is missing from version 2. */
    static final int REMOVE_POLE_EVERY = 50;
    static final int NEW_POLES = 1_000;
    static final String V2_MARK = " v2";
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    static final String USER = "gis";
    static final String PASSWORD = "gis123";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHubKilledMidRunKeepsThePreviousGridAndTheRerunLoadsTheSource() throws Exception {
        long testStarted = System.nanoTime();
        Path work = Path.of("target", "feed-kill-it").toAbsolutePath();
        FileSystemUtils.deleteRecursively(work);
        Path inbox = work.resolve("feed").resolve("inbox");
        Files.createDirectories(inbox);

        // the source: a generated grid, and a second version of it with changes
        long generating = System.nanoTime();
        Path grid = work.resolve("grid");
        SampleGridGenerator.generate(SampleGridSpec.forAssets(SampleGridSpec.DEFAULT_SEED, ASSETS), grid);
        double generateSeconds = seconds(generating);
        long building = System.nanoTime();
        Version v1 = Version.read(grid);
        Version v2 = v1.changed();
        Path v1Zip = v1.zip(work.resolve("grid-v1.zip"));
        Path v2Zip = v2.zip(work.resolve("grid-v2.zip"));
        int removed = v1.removedBy(v2);
        double buildSeconds = seconds(building);
        assertThat(v1.features()).as("features of version 1").isGreaterThanOrEqualTo(ASSETS);

        String dbUrl = "jdbc:postgresql://127.0.0.1:" + env("HUB_PG_PORT", "55432") + "/"
                + env("HUB_TEST_KILLED_HUB_DB_NAME", "gridhub_test_hub");
        String dbUser = env("HUB_DB_USER", "gridhub");
        String dbPassword = env("HUB_DB_PASSWORD", "gridhub");
        Path feeds = work.resolve("feeds.yml");
        Files.writeString(feeds, """
                hub:
                  feeds:
                    %s:
                      kind: file
                      inbox: "%s"
                      mode: full
                      crs: EPSG:4490
                """.formatted(FEED, inbox));
        Map<String, String> settings = hubSettings(dbUrl, dbUser, dbPassword, work.resolve("data"), feeds);
        String api = "http://127.0.0.1:" + settings.get("HUB_HTTP_PORT");

        Reader reader = null;
        try (HubProcess hub = new HubProcess(Path.of("target", "gridhub.jar").toAbsolutePath(), settings,
                work.resolve("hub.log"));
             Connection db = connect(dbUrl, dbUser, dbPassword)) {
            assertThat(Path.of("target", "gridhub.jar")).as("the packaged hub (mvn package runs before the ITs)").exists();
            forgetEarlierRuns(db);
            double firstStart = hub.start(START_TIMEOUT);

            // run 1: version 1 commits
            Path v1Done = drop(v1Zip, inbox);
            UUID run1 = awaitRun(db, v1Zip.getFileName().toString(), null, hub);
            Map<String, Object> run1Record = awaitFinished(api, run1, hub);
            assertThat(run1Record.get("status")).as("run 1: " + run1Record).isEqualTo("SUCCEEDED");
            assertThat(((Number) run1Record.get("inserted")).longValue()).as("run 1 inserted").isEqualTo(v1.features());
            awaitFile(v1Done, "version 1 moved to done/", hub);
            GridState before = GridState.read(db);
            assertThat(before.committedRun()).isEqualTo(run1);
            assertThat(before.inService()).as("in service after run 1").isEqualTo(v1.counts());

            // a second reader, from now until the rerun committed
            reader = new Reader(dbUrl, dbUser, dbPassword, api);
            reader.start();
            reader.awaitObservations(2, hub);

            // run 2: version 2, killed while its transaction writes into the grid tables
            drop(v2Zip, inbox);
            UUID run2 = awaitRun(db, v2Zip.getFileName().toString(), null, hub);
            long run2Started = System.nanoTime();
            int sqlAtRun2 = reader.sqlObservations();
            int apiAtRun2 = reader.apiObservations();
            Map<String, Object> atKill = awaitPhase(api, run2, "merging", hub);
            List<String> sessionsAtKill = hubSessions(db);
            long killedAt = System.nanoTime();
            hub.kill();
            double run2SecondsAtKill = (killedAt - run2Started) / 1e9;
            reader.markKilled(sessionsAtKill, killedAt);
            int sqlBeforeKill = reader.sqlObservations();
            int sqlDuringRun2 = sqlBeforeKill - sqlAtRun2;
            int apiDuringRun2 = reader.apiObservations() - apiAtRun2;
            assertThat(GridState.read(db)).as("the grid state right after SIGKILL").isEqualTo(before);
            assertThat(inbox.resolve(v2Zip.getFileName())).as("version 2 still in the inbox after the kill").exists();
            reader.awaitObservations(reader.sqlObservations() + 2, hub);
            int sqlWhileDown = reader.sqlObservations() - sqlBeforeKill;

            // restart: the inbox's file runs again, the killed run is on record as interrupted
            double restart = hub.start(START_TIMEOUT);
            UUID rerun = awaitRun(db, v2Zip.getFileName().toString(), run2, hub);
            Map<String, Object> rerunRecord = awaitFinished(api, rerun, hub);
            double killToCommit = seconds(killedAt);
            assertThat(rerunRecord.get("status")).as("the rerun: " + rerunRecord).isEqualTo("SUCCEEDED");
            Map<String, Object> killed = get(api, "/api/feeds/runs/" + run2);
            assertThat(killed.get("status")).as("the killed run after the restart: " + killed).isEqualTo("FAILED");
            assertThat((String) killed.get("error")).as("the killed run's reason").contains("interrupted");
            reader.awaitCommitted(rerun, hub);
            reader.stop();

            // the reader: the previous state, unchanged, until the rerun committed
            assertThat(reader.failures()).as("reads of the grid store that failed or saw something else").isEmpty();
            assertThat(reader.statesByRun().keySet()).as("runs whose committed state the reader saw")
                    .containsExactlyInAnyOrder(run1, rerun);
            assertThat(reader.statesByRun().get(run1)).as("state under run 1, throughout").isEqualTo(before);
            assertThat(sqlDuringRun2).as("reads of the grid store during run 2").isGreaterThanOrEqualTo(2);
            assertThat(apiDuringRun2).as("summaries from the hub during run 2").isGreaterThanOrEqualTo(1);
            assertThat(reader.apiAfterRestart()).as("summaries from the restarted hub").isGreaterThanOrEqualTo(1);

            // final counts equal the source
            GridState after = GridState.read(db);
            assertThat(after.committedRun()).isEqualTo(rerun);
            assertThat(after.inService()).as("in service after the rerun").isEqualTo(v2.counts());
            assertThat(after.retired()).as("retired after the rerun")
                    .isEqualTo(Map.of(AssetType.POLE, (long) removed));
            assertThat(differences(db, v2)).as("in-service rows (type, source id, name) against version 2").isEqualTo("none");
            assertThat(((Number) rerunRecord.get("read")).longValue()).isEqualTo(v2.features());
            assertThat(((Number) rerunRecord.get("quarantined")).longValue()).isZero();
            awaitFile(inbox.resolveSibling("done").resolve(v2Zip.getFileName()), "version 2 moved to done/", hub);

            String figures = String.format(java.util.Locale.ROOT, """
                    source: %,d features in version 1, %,d in version 2 (%,d renamed, %,d poles removed, %,d added), generated in %.1f s, versions and zips made in %.1f s
                    first start %.1f s; run 1 %s
                    run 2 killed %.1f s after it started, at %s, read %s
                    grid reads: %d during run 2 (hub summaries %d), %d while the hub was down, %d in all (slowest %d ms), %d failed
                    the hub's database sessions just before SIGKILL: %s
                    all gone %.1f s after SIGKILL; restart to healthy %.1f s
                    SIGKILL to rerun committed %.1f s; rerun %s
                    test %.1f s
                    """, v1.features(), v2.features(), v1.features() - removed, removed, NEW_POLES,
                    generateSeconds, buildSeconds, firstStart, counts(run1Record), run2SecondsAtKill, atKill.get("phase"),
                    atKill.get("read"), sqlDuringRun2, apiDuringRun2, sqlWhileDown, reader.sqlObservations(),
                    reader.slowestMillis(), reader.failures().size(), sessionsAtKill, reader.killedSessionsGoneSeconds(), restart,
                    killToCommit, counts(rerunRecord), seconds(testStarted));
            Files.writeString(work.resolve("figures.txt"), figures);
            System.out.print("FeedKillIT: " + figures);
            forgetEarlierRuns(db); // the next test on this database starts with an empty grid
        } finally {
            if (reader != null) {
                reader.stop();
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // the hub

    private static Map<String, String> hubSettings(String dbUrl, String dbUser, String dbPassword, Path dataDir,
            Path feeds) {
        Map<String, String> settings = HubProcess.settings(dbUrl, dbUser, dbPassword,
                TestPorts.port("HUB_TEST_FEED_KILL_HTTP_PORT"), TestPorts.port("HUB_TEST_FEED_KILL_BROKER_PORT"), dataDir);
        settings.put("HUB_EXTRA_FEEDS", feeds.toString());
        settings.put("HUB_FEED_POLL", "250ms");
        settings.put("HUB_DEMO_USERS", "true"); // the API reader logs in as gis (loopback only)
        return settings;
    }

    /** Writes the file aside, then moves it into the inbox at once; returns where it goes when done. */
    private static Path drop(Path file, Path inbox) throws IOException {
        Path aside = inbox.resolveSibling(file.getFileName() + ".part");
        Files.copy(file, aside, StandardCopyOption.REPLACE_EXISTING);
        Files.move(aside, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        return inbox.resolveSibling("done").resolve(file.getFileName());
    }

    /** The run that reads {@code source}, other than {@code not}, once the hub recorded it. */
    private static UUID awaitRun(Connection db, String source, UUID not, HubProcess hub) throws InterruptedException {
        return await("a run of " + FEED + " reading " + source, () -> {
            try (PreparedStatement s = db.prepareStatement("SELECT id FROM feeds.feed_run WHERE feed_id = ? AND source = ?"
                    + " AND id IS DISTINCT FROM ? ORDER BY started_at DESC LIMIT 1")) {
                s.setString(1, FEED);
                s.setString(2, source);
                s.setObject(3, not == null ? new UUID(0, 0) : not);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getObject(1, UUID.class) : null;
                }
            }
        }, Objects::nonNull, hub);
    }

    private static Map<String, Object> awaitFinished(String api, UUID run, HubProcess hub) throws InterruptedException {
        return await("run " + run + " finished", () -> get(api, "/api/feeds/runs/" + run),
                r -> !"RUNNING".equals(r.get("status")), hub);
    }

    /** Polls the run resource until the run is in {@code phase}; fails if it finished first. */
    private static Map<String, Object> awaitPhase(String api, UUID run, String phase, HubProcess hub)
            throws InterruptedException {
        Map<String, Object> r = await("run " + run + " in phase " + phase, () -> get(api, "/api/feeds/runs/" + run),
                x -> phase.equals(x.get("phase")) || !"RUNNING".equals(x.get("status")), hub);
        assertThat(r.get("status")).as("run 2 is still running when it is killed (else the test proves nothing): " + r)
                .isEqualTo("RUNNING");
        return r;
    }

    private static void awaitFile(Path file, String what, HubProcess hub) throws InterruptedException {
        await(what, () -> Files.exists(file), Boolean::booleanValue, hub);
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T await(String what, Probe<T> probe, java.util.function.Predicate<T> done, HubProcess hub)
            throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                last = value;
                if (value != null && done.test(value)) {
                    return value;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within " + RUN_TIMEOUT + ": " + what + " (last seen: " + last + ")\nhub log:\n"
                + hub.tail(30));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> get(String api, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readValue(response.body(), Map.class);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static String counts(Map<String, Object> run) {
        return String.format(java.util.Locale.ROOT, "read %s, inserted %s, updated %s, unchanged %s, retired %s, quarantined %s,"
                        + " flagged %s (%s → %s)", run.get("read"), run.get("inserted"), run.get("updated"),
                run.get("unchanged"), run.get("retired"), run.get("quarantined"), run.get("flagged"), run.get("startedAt"),
                run.get("finishedAt"));
    }

    // ------------------------------------------------------------------------------------------
    // the grid store

    static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("ApplicationName", "FeedKillIT");
        return DriverManager.getConnection(url, p);
    }

    /** This feed's rows from an earlier run of the test on the same database (none on a fresh one). */
    private static void forgetEarlierRuns(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('feeds.feed_run') IS NOT NULL")) {
            r.next();
            if (!r.getBoolean(1)) {
                return; // the hub has not migrated this database yet
            }
        }
        for (AssetType type : AssetType.values()) {
            update(db, "DELETE FROM " + type.qualifiedTable() + " WHERE feed_id = ?");
        }
        update(db, "DELETE FROM feeds.quarantine WHERE feed_id = ?");
        update(db, "DELETE FROM feeds.feed_run WHERE feed_id = ?");
    }

    private static void update(Connection db, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, FEED);
            s.executeUpdate();
        }
    }

    /** The hub's database sessions (pid, state, statement), all but this test's own. */
    static List<String> hubSessions(Connection db) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT pid, state, left(regexp_replace(query, '\\s+', ' ', 'g'), 60)"
                     + " FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'"
                     + " AND application_name <> 'FeedKillIT' ORDER BY state, pid")) {
            while (r.next()) {
                sessions.add(r.getInt(1) + " " + r.getString(2) + ("active".equals(r.getString(2)) ? ": " + r.getString(3) : ""));
            }
        }
        return sessions;
    }

    /**
     * What the grid store holds of the feed, read in one snapshot with the latest run that
     * committed: counts per type and lifecycle, and a checksum over every row (a run that changed
     * any row, even to the same content, would change updated_at).
     */
    record GridState(UUID committedRun, Map<AssetType, Long> inService, Map<AssetType, Long> retired,
                     BigDecimal checksum) {

        static final String SQL;

        static {
            StringBuilder sql = new StringBuilder("SELECT (SELECT id::text FROM feeds.feed_run WHERE feed_id = ? AND status ="
                    + " 'SUCCEEDED' ORDER BY finished_at DESC LIMIT 1), NULL, 0, 0, 0");
            for (AssetType type : AssetType.values()) {
                sql.append(" UNION ALL SELECT NULL, '").append(type.name()).append("',")
                        .append(" count(*) FILTER (WHERE lifecycle = 'IN_SERVICE'),")
                        .append(" count(*) FILTER (WHERE lifecycle = 'RETIRED'),")
                        .append(" coalesce(sum(hashtextextended(concat_ws('|', lifecycle, source_id, name, content_hash,")
                        .append(" updated_at), 0)::numeric), 0) FROM ").append(type.qualifiedTable())
                        .append(" WHERE feed_id = ?");
            }
            SQL = sql.toString();
        }

        static GridState read(Connection db) throws SQLException {
            boolean autoCommit = db.getAutoCommit();
            db.setAutoCommit(false);
            try (PreparedStatement s = db.prepareStatement(SQL)) {
                for (int i = 1; i <= AssetType.values().length + 1; i++) {
                    s.setString(i, FEED);
                }
                UUID committed = null;
                Map<AssetType, Long> inService = new TreeMap<>();
                Map<AssetType, Long> retired = new TreeMap<>();
                BigDecimal checksum = BigDecimal.ZERO;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        if (r.getString(2) == null) {
                            committed = r.getString(1) == null ? null : UUID.fromString(r.getString(1));
                            continue;
                        }
                        AssetType type = AssetType.valueOf(r.getString(2));
                        if (r.getLong(3) > 0) {
                            inService.put(type, r.getLong(3));
                        }
                        if (r.getLong(4) > 0) {
                            retired.put(type, r.getLong(4));
                        }
                        checksum = checksum.add(r.getBigDecimal(5));
                    }
                }
                db.commit();
                return new GridState(committed, inService, retired, checksum);
            } finally {
                db.rollback();
                db.setAutoCommit(autoCommit);
            }
        }
    }

    /** The feed's in-service rows against the source: "none", or what differs. */
    private static String differences(Connection db, Version source) throws SQLException, IOException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TEMP TABLE expected (type text, source_id text, name text)");
            StringBuilder rows = new StringBuilder();
            source.rows().forEach(row -> rows.append(row.type().name()).append('\t').append(row.sourceId()).append('\t')
                    .append(row.name() == null ? "\\N" : row.name()).append('\n'));
            db.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY expected FROM STDIN", new StringReader(rows.toString()));
            StringBuilder actual = new StringBuilder();
            for (AssetType type : AssetType.values()) {
                actual.append(actual.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(type.name())
                        .append("', source_id, name FROM ").append(type.qualifiedTable())
                        .append(" WHERE feed_id = '").append(FEED).append("' AND lifecycle = 'IN_SERVICE'");
            }
            try (ResultSet r = s.executeQuery("SELECT coalesce(string_agg(d, '; '), 'none') FROM (SELECT concat_ws(' ',"
                    + " CASE WHEN a.source_id IS NULL THEN 'missing' WHEN e.source_id IS NULL THEN 'extra' ELSE 'renamed' END,"
                    + " coalesce(a.type, e.type), coalesce(a.source_id, e.source_id), a.name, e.name) AS d"
                    + " FROM (" + actual + ") a (type, source_id, name)"
                    + " FULL JOIN expected e ON e.type = a.type AND e.source_id = a.source_id"
                    + " WHERE a.source_id IS NULL OR e.source_id IS NULL OR a.name IS DISTINCT FROM e.name LIMIT 20) x")) {
                r.next();
                return r.getString(1);
            } finally {
                s.execute("DROP TABLE expected");
            }
        }
    }

    /**
     * The second reader: observes the grid store (SQL, one snapshot per observation) and, while
     * the hub answers, the hub's own grid summary. Each state is recorded under the run that had
     * committed when it was read; a different state under the same run is a failure.
     */
    static final class Reader {
        private final String dbUrl;
        private final String dbUser;
        private final String dbPassword;
        private final String api;
        private final Thread thread = new Thread(this::loop, "feed-kill-reader");
        private volatile boolean running = true;
        private volatile long killedAt;
        private volatile long killedSessionsGoneAt;
        private volatile List<String> killedSessions = List.of();
        private final Map<UUID, GridState> statesByRun = new ConcurrentHashMap<>();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicLong sql = new AtomicLong();
        private final AtomicLong apiReads = new AtomicLong();
        private final AtomicLong apiAfterRestart = new AtomicLong();
        private final AtomicLong slowest = new AtomicLong();
        private volatile UUID lastCommitted;

        Reader(String dbUrl, String dbUser, String dbPassword, String api) {
            this.dbUrl = dbUrl;
            this.dbUser = dbUser;
            this.dbPassword = dbPassword;
            this.api = api;
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        /** The hub was killed at {@code when}, with these database sessions (pid first). */
        void markKilled(List<String> sessions, long when) {
            killedSessions = sessions.stream().map(x -> x.substring(0, x.indexOf(' '))).toList();
            killedAt = when;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        private void loop() {
            try (Connection db = connect(dbUrl, dbUser, dbPassword)) {
                try (Statement s = db.createStatement()) {
                    s.execute("SET statement_timeout = '20s'"); // a reader that blocks fails instead of waiting
                }
                while (running) {
                    observe(db);
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                failures.add("reader stopped: " + e);
            }
        }

        private void observe(Connection db) {
            long t0 = System.nanoTime();
            GridState state;
            try {
                state = GridState.read(db);
            } catch (SQLException e) {
                failures.add("grid store read failed: " + e.getMessage());
                return;
            }
            slowest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
            sql.incrementAndGet();
            lastCommitted = state.committedRun();
            GridState first = statesByRun.putIfAbsent(state.committedRun(), state);
            if (first != null && !first.equals(state)) {
                failures.add("under run " + state.committedRun() + " the grid changed: " + first + " then " + state);
            }
            if (killedAt != 0 && killedSessionsGoneAt == 0 && !killedSessionsLeft(db)) {
                killedSessionsGoneAt = System.nanoTime();
            }
            // the hub's own answer, checked against the state of the run that had committed before
            // and still had after it
            Map<String, Object> summary;
            try {
                summary = get(api, "/api/grid/summary");
            } catch (IOException | InterruptedException down) {
                return; // the hub is down or restarting
            }
            GridState after;
            try {
                after = GridState.read(db);
            } catch (SQLException e) {
                failures.add("grid store read failed: " + e.getMessage());
                return;
            }
            if (!Objects.equals(after.committedRun(), state.committedRun())) {
                return; // a run committed meanwhile: the summary may show either
            }
            apiReads.incrementAndGet();
            if (killedAt != 0) {
                apiAfterRestart.incrementAndGet();
            }
            Map<AssetType, Long> answered = new TreeMap<>();
            @SuppressWarnings("unchecked")
            Map<String, Object> inService = (Map<String, Object>) summary.get("inService");
            inService.forEach((type, n) -> {
                if (((Number) n).longValue() > 0) {
                    answered.put(AssetType.valueOf(type), ((Number) n).longValue());
                }
            });
            if (!answered.equals(state.inService())) {
                failures.add("under run " + state.committedRun() + " the hub's summary said " + answered
                        + " where the store holds " + state.inService());
            }
        }

        private boolean killedSessionsLeft(Connection db) {
            try {
                return hubSessions(db).stream().anyMatch(x -> killedSessions.contains(x.substring(0, x.indexOf(' '))));
            } catch (SQLException e) {
                return true;
            }
        }

        void awaitObservations(int n, HubProcess hub) throws InterruptedException {
            await(n + " reads of the grid store", () -> sql.get() >= n || !thread.isAlive(), Boolean::booleanValue, hub);
        }

        void awaitCommitted(UUID run, HubProcess hub) throws InterruptedException {
            await("the reader seeing run " + run + " committed", () -> run.equals(lastCommitted), Boolean::booleanValue, hub);
        }

        Map<UUID, GridState> statesByRun() {
            return statesByRun;
        }

        List<String> failures() {
            return failures;
        }

        int sqlObservations() {
            return (int) sql.get();
        }

        int apiObservations() {
            return (int) apiReads.get();
        }

        int apiAfterRestart() {
            return (int) apiAfterRestart.get();
        }

        long slowestMillis() {
            return slowest.get();
        }

        double killedSessionsGoneSeconds() {
            return killedSessionsGoneAt == 0 ? Double.NaN : (killedSessionsGoneAt - killedAt) / 1e9;
        }
    }

    // ------------------------------------------------------------------------------------------
    // the source

    record Row(AssetType type, String sourceId, String name) {
    }

    /** One version of the grid: the GeoJSONSeq lines per asset type, and what they hold (parsed once). */
    static final class Version {
        private final Map<AssetType, List<String>> lines;
        private final List<Row> rows = new ArrayList<>();

        Version(Map<AssetType, List<String>> lines) throws IOException {
            this.lines = lines;
            for (var entry : lines.entrySet()) {
                for (String line : entry.getValue()) {
                    JsonNode p = JSON.readTree(line).path("properties");
                    rows.add(new Row(entry.getKey(), p.path("source_id").asText(),
                            p.path("name").isTextual() ? p.path("name").asText() : null));
                }
            }
        }

        static Version read(Path folder) throws IOException {
            Map<AssetType, List<String>> lines = new TreeMap<>();
            for (AssetType type : AssetType.values()) {
                Path file = folder.resolve(type.table() + ".geojsonl");
                if (Files.exists(file)) {
                    lines.put(type, Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList());
                }
            }
            return new Version(lines);
        }

        long features() {
            return lines.values().stream().mapToLong(List::size).sum();
        }

        Map<AssetType, Long> counts() {
            Map<AssetType, Long> counts = new TreeMap<>();
            lines.forEach((type, l) -> {
                if (!l.isEmpty()) {
                    counts.put(type, (long) l.size());
                }
            });
            return counts;
        }

        /**
         * Every feature renamed; every {@value #REMOVE_POLE_EVERY}th pole no transformer stands on
         * gone (retired by the full snapshot, well under the retire guard); {@value #NEW_POLES} new
         * poles beside existing ones.
         */
        Version changed() throws IOException {
            Set<String> polesInUse = new HashSet<>();
            for (String line : lines.getOrDefault(AssetType.DISTRIBUTION_TRANSFORMER, List.of())) {
                JsonNode ref = JSON.readTree(line).path("properties").path("pole_ref");
                if (ref.isTextual()) {
                    polesInUse.add(ref.asText());
                }
            }
            Map<AssetType, List<String>> changed = new TreeMap<>();
            for (var entry : lines.entrySet()) {
                AssetType type = entry.getKey();
                List<String> out = new ArrayList<>(entry.getValue().size());
                int candidates = 0;
                for (String line : entry.getValue()) {
                    ObjectNode feature = (ObjectNode) JSON.readTree(line);
                    ObjectNode properties = (ObjectNode) feature.get("properties");
                    if (type == AssetType.POLE && !polesInUse.contains(properties.path("source_id").asText())
                            && ++candidates % REMOVE_POLE_EVERY == 0) {
                        continue;
                    }
                    properties.put("name", properties.path("name").asText("") + V2_MARK);
                    out.add(JSON.writeValueAsString(feature));
                }
                if (type == AssetType.POLE) {
                    List<String> original = entry.getValue();
                    for (int i = 0; i < NEW_POLES; i++) {
                        ObjectNode feature = (ObjectNode) JSON.readTree(original.get(i * original.size() / NEW_POLES));
                        String id = "POLE-NEW-" + i;
                        feature.put("id", id);
                        ArrayNode xy = (ArrayNode) feature.get("geometry").get("coordinates");
                        xy.set(0, xy.get(0).asDouble() + 0.00002);
                        ObjectNode properties = (ObjectNode) feature.get("properties");
                        properties.put("source_id", id);
                        properties.put("pole_number", id);
                        properties.put("name", id + V2_MARK);
                        out.add(JSON.writeValueAsString(feature));
                    }
                }
                changed.put(type, out);
            }
            return new Version(changed);
        }

        /** How many features of this version the other no longer has. */
        int removedBy(Version next) {
            Set<String> kept = new HashSet<>();
            next.rows().forEach(r -> kept.add(r.type() + "/" + r.sourceId()));
            return (int) rows.stream().filter(r -> !kept.contains(r.type() + "/" + r.sourceId())).count();
        }

        List<Row> rows() {
            return rows;
        }

        /** A zip of one GeoJSONSeq file per asset type, named after its table: one full snapshot. */
        Path zip(Path file) throws IOException {
            try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (var entry : lines.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey().table() + ".geojsonl"));
                    for (String line : entry.getValue()) {
                        zip.write(line.getBytes(StandardCharsets.UTF_8));
                        zip.write('\n');
                    }
                    zip.closeEntry();
                }
            }
            return file;
        }
    }

    // ------------------------------------------------------------------------------------------

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

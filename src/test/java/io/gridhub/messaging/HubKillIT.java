package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.gridhub.TestPorts;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.Reply;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code kill -9} of the hub while case messages are in flight (issue 12, item 2; issue 9, "killing
 * the hub between commit and send loses nothing"). The packaged hub runs as a child process on its
 * own database and data directory (its embedded broker's journal); the marketing MIS
 * ({@link CountingMis}) sends {@value #CASES} {@code create ConnectionApplication} requests and,
 * mixed in, copies of requests it already sent (same MessageID, as a MIS that resends does). After
 * about {@value #KILL_AFTER_REPLIES} replies the hub gets SIGKILL, with hundreds of requests still
 * in the broker's journal, some in the middle of their database transaction and some events
 * committed to the outbox but not yet relayed. The hub restarts on the same database and data
 * directory, the MIS resends copies of requests answered before the kill, and then:
 * <ul>
 * <li>every case exists once and every MessageID is recorded once in {@code messaging.inbound_message};</li>
 * <li>every copy of every request got a reply, and all replies to one MessageID are the same text,
 *     the one in the dedup record (a copy is answered from the record, not handled again);</li>
 * <li>each request's {@code created ConnectionApplication} event is in the outbox once and reached the
 *     MIS at least once, exactly once after deduplication by MessageID; nothing is left unsent.</li>
 * </ul>
 * Runs through {@code ./hub test}, which creates the hub's database ({@code <test db>_hub}); bounded by
 * the deadlines below and the class timeout, and the child is killed whatever happens.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HubKillIT {

    static final int CASES = 1000;
    /** After every this many new requests, a copy of a random earlier one. */
    static final int COPY_EVERY = 10;
    static final int KILL_AFTER_REPLIES = 400;
    static final int COPIES_AFTER_RESTART = 50;
    /** Requests per JMS transaction of the MIS's sender. */
    static final int SEND_BATCH = 50;
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration WORK_TIMEOUT = Duration.ofSeconds(60);

    static final String NOUN = "ConnectionApplication";

    @Test
    void aHubKilledWithCasesInFlightLosesNothingAndDoesNothingTwice() throws Exception {
        Path work = Path.of("target", "hub-kill-it").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        String dbUrl = "jdbc:postgresql://127.0.0.1:" + env("HUB_PG_PORT", "55432") + "/"
                + env("HUB_TEST_KILLED_HUB_DB_NAME", "gridhub_test_hub");
        String dbUser = env("HUB_DB_USER", "gridhub");
        String dbPassword = env("HUB_DB_PASSWORD", "gridhub");
        int brokerPort = TestPorts.port("HUB_TEST_KILLED_HUB_BROKER_PORT");
        Map<String, String> settings = hubSettings(dbUrl, dbUser, dbPassword, brokerPort, work.resolve("data"));

        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        String casePrefix = "KILL-" + run + "-";
        CountingMis mis = new CountingMis("tcp://127.0.0.1:" + brokerPort, "mis", "mis", "gridhub.requests",
                "gridhub.replies.kill-" + run.toLowerCase(), "gridhub.events.mis", NOUN);
        ConnectionApplicationRequests requests = new ConnectionApplicationRequests();
        List<String> ids = new ArrayList<>();
        Map<String, String> requestText = new HashMap<>();
        Map<String, String> copyOf = new LinkedHashMap<>(); // copy id (JMSCorrelationID) -> request MessageID
        Random random = new Random(42);

        try (HubProcess hub = new HubProcess(Path.of("target", "gridhub.jar").toAbsolutePath(), settings,
                work.resolve("hub.log"))) {
            assertThat(Path.of("target", "gridhub.jar")).as("the packaged hub (mvn package runs before the ITs)").exists();
            double firstStart = hub.start(START_TIMEOUT);
            mis.connect();

            long sendStarted = System.nanoTime();
            for (int i = 0; i < CASES; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                requestText.put(id, requests.create(id, casePrefix + i, i));
                send(mis, copyOf, id, requestText.get(id));
                if ((i + 1) % COPY_EVERY == 0) {
                    String earlier = ids.get(random.nextInt(ids.size()));
                    send(mis, copyOf, earlier, requestText.get(earlier));
                }
                if ((i + 1) % SEND_BATCH == 0) {
                    mis.commit();
                }
            }
            mis.commit();
            double sendSeconds = (System.nanoTime() - sendStarted) / 1e9;
            int sentBeforeKill = copyOf.size();

            await("replies to " + KILL_AFTER_REPLIES + " requests", () -> mis.copiesAnswered() >= KILL_AFTER_REPLIES,
                    () -> mis.copiesAnswered() + " answered", hub);
            int answeredAtKill = mis.copiesAnswered();
            long killedAt = System.nanoTime();
            hub.kill();
            mis.disconnect();
            int eventsAtKill = mis.createdEventsByCause().size();
            List<String> answeredBeforeKill = List.copyOf(mis.replyTextsByRequest().keySet());
            assertThat(sentBeforeKill - answeredAtKill).as("request copies still unanswered when the hub was killed")
                    .isGreaterThanOrEqualTo(100);

            double restart = hub.start(START_TIMEOUT);
            mis.connect();
            for (int i = 0; i < COPIES_AFTER_RESTART; i++) {
                String earlier = answeredBeforeKill.get(random.nextInt(answeredBeforeKill.size()));
                send(mis, copyOf, earlier, requestText.get(earlier));
            }
            mis.commit();
            try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
                await("every copy answered, every created event received, the outbox empty",
                        () -> mis.copiesAnswered() == copyOf.size()
                                && mis.createdEventsByCause().keySet().containsAll(ids)
                                && unsent(db) == 0,
                        () -> String.format("%d of %d copies answered, %d of %d requests with their created event, "
                                + "%d outbox rows unsent; %s", mis.copiesAnswered(), copyOf.size(),
                                ids.stream().filter(mis.createdEventsByCause()::containsKey).count(), CASES, unsent(db),
                                unanswered(db, mis, copyOf, brokerPort)), hub);
                double recovered = (System.nanoTime() - killedAt) / 1e9;
                Thread.sleep(1_000); // late copies, if any, are counted too
                mis.disconnect();

                assertThat(mis.failures()).as("unreadable replies or events").isEmpty();
                checkReplies(mis, ids, copyOf);
                checkDatabase(db, mis, casePrefix, ids);
                checkEvents(db, mis, ids);

                String figures = String.format("""
                        requests %d, copies of earlier requests %d (%d before the kill, %d after), sent in %.1f s
                        first start %.1f s; killed after %d replies with %d request copies unanswered and %d created events received
                        restart to healthy %.1f s; from SIGKILL to every reply, event and outbox row done %.1f s
                        reply arrivals %d for %d copies; event arrivals %d, dropped as duplicates by MessageID %d
                        """, CASES, copyOf.size() - CASES, sentBeforeKill - CASES, COPIES_AFTER_RESTART, sendSeconds,
                        firstStart, answeredAtKill, sentBeforeKill - answeredAtKill, eventsAtKill, restart, recovered,
                        mis.replyArrivals(), copyOf.size(), mis.eventArrivals(), mis.eventDuplicatesDropped());
                Files.writeString(work.resolve("figures.txt"), figures);
                System.out.print("HubKillIT: " + figures);
            }
        } finally {
            mis.disconnect();
        }
    }

    /** The killed hub's own database, ports and data directory (with the broker journal). */
    static Map<String, String> hubSettings(String dbUrl, String dbUser, String dbPassword, int brokerPort,
            Path dataDir) {
        return hubSettings(dbUrl, dbUser, dbPassword, TestPorts.port("HUB_TEST_KILLED_HUB_HTTP_PORT"), brokerPort, dataDir);
    }

    /** A hub process's settings: its database, ports and data directory, no sample grid, no time-limit job. */
    static Map<String, String> hubSettings(String dbUrl, String dbUser, String dbPassword, int httpPort, int brokerPort,
            Path dataDir) {
        // cases need no grid, and no demo users: the MIS talks to the broker only
        return HubProcess.settings(dbUrl, dbUser, dbPassword, httpPort, brokerPort, dataDir);
    }

    /** Every copy answered; all replies to one MessageID the same text, and OK. */
    static void checkReplies(CountingMis mis, List<String> ids, Map<String, String> copyOf) {
        assertThat(mis.repliesByCopy().keySet()).as("every copy of every request answered")
                .containsExactlyInAnyOrderElementsOf(copyOf.keySet());
        Iec61968Codec codec = new Iec61968Codec();
        for (String id : ids) {
            Set<String> texts = mis.replyTextsByRequest().get(id);
            assertThat(texts).as("replies to " + id + ": one text, however many copies and redeliveries").hasSize(1);
            Reply reply = codec.read(texts.iterator().next()).reply();
            assertThat(reply.result()).as("reply to " + id + ": " + reply.errors()).isEqualTo(Reply.Result.OK);
        }
    }

    /**
     * Each case once, each MessageID recorded once with the very reply the MIS got, no plan twice
     * ({@code ids.get(i)} is the request of case {@code casePrefix + i}).
     */
    static void checkDatabase(Connection db, CountingMis mis, String casePrefix, List<String> ids)
            throws SQLException {
        List<String> cases = strings(db, "SELECT case_no FROM cases.connection_case WHERE case_no LIKE ? ORDER BY case_no",
                casePrefix + "%");
        assertThat(cases).as("cases after the kill and restart").hasSize(ids.size()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Stream.iterate(0, i -> i + 1).limit(ids.size()).map(i -> casePrefix + i).toList());
        assertThat(strings(db, "SELECT case_no FROM plans.supply_plan WHERE case_no LIKE ? AND status <> 'WITHDRAWN' "
                + "GROUP BY case_no HAVING count(*) > 1", casePrefix + "%")).as("cases with two live plans").isEmpty();
        Map<String, String> recorded = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement(
                "SELECT message_id, reply FROM messaging.inbound_message WHERE message_id = ANY (?)")) {
            s.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    assertThat(recorded.put(r.getString(1), r.getString(2))).as("recorded once: " + r.getString(1)).isNull();
                }
            }
        }
        assertThat(recorded.keySet()).as("MessageIDs in the dedup record").containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            assertThat(mis.replyTextsByRequest().get(id)).as("the reply the MIS got for " + id + " is the recorded one")
                    .containsExactly(recorded.get(id));
        }
    }

    /** One created event per request in the outbox, all sent, each received and once after dedup. */
    static void checkEvents(Connection db, CountingMis mis, List<String> ids) throws SQLException {
        Map<String, String> outboxIdByCause = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT correlation_id, message_id, sent_at IS NOT NULL "
                + "FROM messaging.outbox WHERE verb = 'created' AND noun = ? AND correlation_id = ANY (?)")) {
            s.setString(1, NOUN);
            s.setArray(2, db.createArrayOf("text", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    assertThat(outboxIdByCause.put(r.getString(1), r.getString(2)))
                            .as("one created event in the outbox for " + r.getString(1)).isNull();
                    assertThat(r.getBoolean(3)).as("sent: " + r.getString(2)).isTrue();
                }
            }
        }
        assertThat(outboxIdByCause.keySet()).as("requests with a created event in the outbox")
                .containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            assertThat(mis.createdEventsByCause().get(id)).as("created events the MIS kept for " + id + " after dedup")
                    .containsExactly(outboxIdByCause.get(id));
        }
        assertThat(unsent(db)).as("outbox rows not sent").isZero();
    }

    /** Sends one copy of request {@code id}, named {@code id#<n>} in {@code copyOf}. */
    static void send(CountingMis mis, Map<String, String> copyOf, String id, String text) throws Exception {
        String copy = id + "#" + copyOf.size();
        copyOf.put(copy, id);
        mis.send(text, copy);
    }

    static void await(String what, BooleanSupplier done, Supplier<String> progress, HubProcess hub)
            throws InterruptedException {
        await(what, WORK_TIMEOUT, done, progress, hub);
    }

    static void await(String what, Duration timeout, BooleanSupplier done, Supplier<String> progress, HubProcess hub)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + " (" + progress.get() + ")\nhub log:\n"
                        + hub.tail(20));
            }
            Thread.sleep(20);
        }
    }

    /**
     * What a timeout needs to tell a lost reply from a lost request: the copies without a reply, whether
     * their request is recorded as answered in the dedup table (then its acknowledgement committed
     * without the reply), and what the broker still holds in the request queue and the dead letters.
     */
    private static String unanswered(Connection db, CountingMis mis, Map<String, String> copyOf, int brokerPort) {
        StringBuilder out = new StringBuilder("unanswered copies:");
        copyOf.forEach((copy, request) -> {
            if (!mis.repliesByCopy().containsKey(copy)) {
                out.append(' ').append(copy).append(" (request ").append(recorded(db, request)).append(')');
            }
        });
        out.append("; broker: ").append(queueDepths(brokerPort));
        return out.toString();
    }

    private static String recorded(Connection db, String messageId) {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT reply IS NOT NULL FROM messaging.inbound_message WHERE message_id = ?")) {
            s.setString(1, messageId);
            try (ResultSet r = s.executeQuery()) {
                return !r.next() ? "not in messaging.inbound_message"
                        : r.getBoolean(1) ? "answered in messaging.inbound_message" : "claimed without a reply";
            }
        } catch (SQLException e) {
            return "unknown: " + e.getMessage();
        }
    }

    /** Messages in the request queue and in gridhub.DLQ, browsed with the hub's own login. */
    static String queueDepths(int brokerPort) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + brokerPort + "?callTimeout=5000", env("HUB_BROKER_USER", "gridhub"),
                env("HUB_BROKER_PASSWORD", "gridhub"));
        try (jakarta.jms.Connection c = factory.createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            c.start();
            StringBuilder out = new StringBuilder();
            for (String queue : List.of("gridhub.requests", BrokerProperties.DEAD_LETTER_ADDRESS)) {
                List<String> correlations = new ArrayList<>();
                try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                    Enumeration<?> e = browser.getEnumeration();
                    while (e.hasMoreElements()) {
                        correlations.add(((jakarta.jms.Message) e.nextElement()).getJMSCorrelationID());
                    }
                }
                out.append(queue).append(' ').append(correlations.size()).append(' ').append(correlations).append("; ");
            }
            return out.toString();
        } catch (JMSException | RuntimeException e) {
            return "not browsed: " + e;
        }
    }

    static int unsent(Connection db) {
        try (PreparedStatement s = db.prepareStatement("SELECT count(*) FROM messaging.outbox WHERE sent_at IS NULL");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(Connection db, String sql, String parameter) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.gridhub.TestPorts;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Restarts of the standalone Artemis broker under traffic (issue 12, item 3). The packaged hub runs
 * as a child process in native mode ({@code HUB_BROKER_MODE=native}), connected to a real standalone
 * Artemis 2.40.0 ({@link StandaloneArtemis}) with the shipped MIS address rules, on its own database.
 * The marketing MIS ({@link CountingMis}) sends {@code create ConnectionApplication} requests all the
 * time, in small transactions, and copies of earlier ones; a batch whose send or commit fails is sent
 * again once the broker is back (same MessageIDs: a batch whose commit reached the broker before it
 * died is then a duplicate, which the hub answers from its dedup record). Twice, right after the MIS
 * committed a burst of requests that are still in the queue:
 * <ol>
 * <li>the broker gets SIGKILL and is started again at once on the same instance (journal) and port;</li>
 * <li>the broker is stopped cleanly (SIGTERM), stays down for {@link #STOPPED_FOR}, and is started again.</li>
 * </ol>
 * The hub is never touched: it must reconnect by itself. For each restart the test measures, from
 * the moment the broker accepts connections again, the time to the hub's first reply sent and its
 * outbox relay's first event sent (JMSTimestamps of the first messages sent after the broker died),
 * and requires both within {@link #RECONNECT_WITHIN_MS} ms. At the end, as {@link HubKillIT} checks:
 * every copy of every request answered, all with the recorded reply; each case once, each MessageID
 * recorded once; each request's {@code created ConnectionApplication} event in the outbox once, sent,
 * and received by the MIS at least once, once after deduplication by MessageID.
 */
// about 70 s on an idle machine; the bounds leave room for a start slowed by other builds
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BrokerRestartIT {

    static final String NOUN = "ConnectionApplication";
    /** The longest the hub may take to consume and send again after the broker is back. */
    static final long RECONNECT_WITHIN_MS = 10_000;
    /** How long the cleanly stopped broker stays down: longer than a quick restart, as an operator's would be. */
    static final Duration STOPPED_FOR = Duration.ofSeconds(12);
    /** Steady traffic: requests per MIS transaction, one transaction every {@link #PACE_MS}. */
    static final int BATCH = 5;
    static final long PACE_MS = 200;
    /** Requests committed in one transaction right before each fault, so that the fault finds a backlog. */
    static final int BURST = 100;
    /** After every this many new requests, a copy of a random earlier one. */
    static final int COPY_EVERY = 10;
    /** Replies to wait for before a fault: the hub is answering. */
    static final int REPLIES_BEFORE_FAULT = 50;
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void theHubReconnectsByItselfWhenTheBrokerRestartsAndNothingIsLost() throws Exception {
        Path work = Path.of("target", "broker-restart-it").toAbsolutePath();
        HubKillIT.deleteTree(work);
        Files.createDirectories(work);
        String dbUrl = "jdbc:postgresql://127.0.0.1:" + HubKillIT.env("HUB_PG_PORT", "55432") + "/"
                + HubKillIT.env("HUB_TEST_KILLED_HUB_DB_NAME", "gridhub_test_hub");
        String dbUser = HubKillIT.env("HUB_DB_USER", "gridhub");
        String dbPassword = HubKillIT.env("HUB_DB_PASSWORD", "gridhub");
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();

        // the shipped address settings (redelivery 1 s doubling, 5 attempts, gridhub.DLQ)
        try (StandaloneArtemis artemis = StandaloneArtemis.start(
                BrokerPropertiesFile.write(BrokerProperties.defaults("127.0.0.1", 0, 1000)))) {
            Map<String, String> settings = nativeHubSettings(dbUrl, dbUser, dbPassword,
                    TestPorts.port("HUB_TEST_BROKER_RESTART_HTTP_PORT"), work.resolve("data"), artemis.url());
            Path hubLog = work.resolve("hub.log");
            CountingMis mis = new CountingMis(artemis.url(), StandaloneArtemis.MIS_USER, StandaloneArtemis.MIS_PASSWORD,
                    "gridhub.requests", "gridhub.replies.restart-" + run.toLowerCase(), "gridhub.events.mis", NOUN);
            Traffic traffic = new Traffic(mis, "BRST-" + run + "-");
            Thread sender = new Thread(traffic, "mis-traffic");
            try (HubProcess hub = new HubProcess(Path.of("target", "gridhub.jar").toAbsolutePath(), settings, hubLog)) {
                assertThat(Path.of("target", "gridhub.jar")).as("the packaged hub (mvn package runs before the ITs)").exists();
                double start = hub.start(START_TIMEOUT);
                long testStarted = System.nanoTime();
                sender.start();

                List<Restart> restarts = new ArrayList<>();
                restarts.add(restart("SIGKILL, restarted at once", true, artemis, mis, traffic, hub, hubLog));
                restarts.add(restart("clean stop, down " + STOPPED_FOR.toSeconds() + " s", false, artemis, mis, traffic, hub,
                        hubLog));

                traffic.stop = true;
                sender.join(60_000);
                assertThat(traffic.failure).as("the MIS's sending").isNull();
                try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
                    List<String> ids = traffic.ids;
                    awaitEverythingDone(mis, traffic, db, hub);
                    mis.disconnect();

                    String figures = String.format("""
                            hub start %.1f s; test after the start %.1f s
                            requests %d, copies of earlier requests %d, MIS transactions that failed and were sent again %d
                            reply arrivals %d for %d copies; event arrivals %d, dropped as duplicates by MessageID %d
                            %s
                            """, start, (System.nanoTime() - testStarted) / 1e9, ids.size(),
                            traffic.copyOf.size() - ids.size(), traffic.batchesSentAgain.get(), mis.replyArrivals(),
                            traffic.copyOf.size(), mis.eventArrivals(), mis.eventDuplicatesDropped(),
                            restarts.stream().map(Restart::toString).collect(Collectors.joining("\n")));
                    Files.writeString(work.resolve("figures.txt"), figures);
                    System.out.print("BrokerRestartIT: " + figures);

                    assertThat(mis.failures()).as("unreadable replies or events").isEmpty();
                    HubKillIT.checkReplies(mis, ids, traffic.copyOf);
                    HubKillIT.checkDatabase(db, mis, traffic.casePrefix, ids);
                    HubKillIT.checkEvents(db, mis, ids);
                    for (Restart r : restarts) {
                        assertThat(r.unansweredAtFault).as(r.how + ": requests in the queue when the broker went down")
                                .isGreaterThanOrEqualTo(BURST / 2);
                        assertThat(r.firstReplyMs).as(r.how + ": broker back to the hub's first reply (ms)")
                                .isLessThanOrEqualTo(RECONNECT_WITHIN_MS);
                        assertThat(r.firstEventMs).as(r.how + ": broker back to the outbox relay's first event (ms)")
                                .isLessThanOrEqualTo(RECONNECT_WITHIN_MS);
                    }
                }
            } finally {
                traffic.stop = true;
                sender.join(10_000);
                mis.disconnect();
            }
        }
    }

    /**
     * HubKillIT's settings of a hub process, in native mode: connected to the standalone broker(s) at
     * {@code brokerUrl} with {@link StandaloneArtemis}'s logins, no embedded broker.
     */
    static Map<String, String> nativeHubSettings(String dbUrl, String dbUser, String dbPassword, int httpPort,
            Path dataDir, String brokerUrl) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(
                HubKillIT.hubSettings(dbUrl, dbUser, dbPassword, httpPort, 0, dataDir));
        settings.remove("HUB_BROKER_PORT"); // no embedded broker, no acceptor of the hub's own
        settings.put("HUB_BROKER_MODE", "native");
        settings.put("HUB_BROKER_URL", brokerUrl);
        settings.put("HUB_BROKER_USER", StandaloneArtemis.USER);
        settings.put("HUB_BROKER_PASSWORD", StandaloneArtemis.PASSWORD);
        settings.put("HUB_BROKER_MIS_PASSWORD", StandaloneArtemis.MIS_PASSWORD);
        return settings;
    }

    /**
     * Once the MIS has stopped sending: every copy answered, every created event received and the
     * outbox empty (within HubKillIT's deadline), then one more second for late copies to be counted.
     */
    static void awaitEverythingDone(CountingMis mis, Traffic traffic, Connection db, HubProcess hub)
            throws InterruptedException {
        List<String> ids = traffic.ids;
        HubKillIT.await("every copy answered, every created event received, the outbox empty",
                () -> mis.copiesAnswered() == traffic.copyOf.size()
                        && mis.createdEventsByCause().keySet().containsAll(ids)
                        && HubKillIT.unsent(db) == 0,
                () -> String.format("%d of %d copies answered, %d of %d requests with their created event, "
                        + "%d outbox rows unsent", mis.copiesAnswered(), traffic.copyOf.size(),
                        ids.stream().filter(mis.createdEventsByCause()::containsKey).count(), ids.size(),
                        HubKillIT.unsent(db)), hub);
        Thread.sleep(1_000); // late copies, if any, are counted too
    }

    /** One restart of the broker and what the hub made of it. */
    record Restart(String how, int unansweredAtFault, long downMs, long firstReplyMs, long firstEventMs,
            long relayFailures) {
        @Override
        public String toString() {
            return String.format("%s: %d requests unanswered at the fault; broker down %.1f s; broker back to the hub's "
                    + "first reply %.2f s, to the outbox relay's first event %.2f s; relay batches failed meanwhile %d",
                    how, unansweredAtFault, downMs / 1e3, firstReplyMs / 1e3, firstEventMs / 1e3, relayFailures);
        }
    }

    private static Restart restart(String how, boolean kill, StandaloneArtemis artemis, CountingMis mis, Traffic traffic,
            HubProcess hub, Path hubLog) throws Exception {
        int answered = mis.copiesAnswered();
        HubKillIT.await(how + ": the hub answering before the fault",
                () -> mis.copiesAnswered() >= answered + REPLIES_BEFORE_FAULT,
                () -> mis.copiesAnswered() - answered + " new replies", hub);
        int committed = traffic.burst().get(60, TimeUnit.SECONDS);
        int unanswered = committed - mis.copiesAnswered();
        long relayFailuresBefore = relayFailures(hubLog);
        long down = kill ? artemis.kill() : artemis.stop();
        if (!kill) {
            Thread.sleep(STOPPED_FOR.toMillis()); // the outage itself, not a wait for something to happen
        }
        long back = artemis.restart();
        // only a message sent after the broker died can have gone to the restarted broker
        HubKillIT.await(how + ": a reply and an event sent by the hub after the restart",
                () -> mis.firstReplySentAfter(down) > 0 && mis.firstEventSentAfter(down) > 0,
                () -> "first reply sent at " + mis.firstReplySentAfter(down) + ", first event at "
                        + mis.firstEventSentAfter(down) + ", broker back at " + back + "; broker log "
                        + artemis.consoleLog(), hub);
        return new Restart(how, unanswered, back - down, mis.firstReplySentAfter(down) - back,
                mis.firstEventSentAfter(down) - back, relayFailures(hubLog) - relayFailuresBefore);
    }

    /** Relay batches that failed so far (the relay logs each failure once). */
    private static long relayFailures(Path hubLog) {
        try (var lines = Files.lines(hubLog)) {
            return lines.filter(l -> l.contains("outbox relay failed")).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /**
     * The MIS's sending side, on a thread of its own (the only user of the MIS's connection): a batch
     * every {@link #PACE_MS}, or a burst when asked; a batch that cannot be sent or committed (the
     * broker is down) is sent again, same MessageIDs and copy ids, until it is committed.
     */
    static final class Traffic implements Runnable {

        final CountingMis mis;
        final String casePrefix;
        final ConnectionApplicationRequests requests = new ConnectionApplicationRequests();
        /** Request MessageIDs in case order (ids.get(i) creates case casePrefix + i), committed only. */
        final List<String> ids = new CopyOnWriteArrayList<>();
        final Map<String, String> requestText = new ConcurrentHashMap<>();
        /** Committed copies: copy id (JMSCorrelationID) to request MessageID. */
        final Map<String, String> copyOf = new ConcurrentHashMap<>();
        /** MIS transactions that failed (broker down) and were sent again until committed. */
        final AtomicInteger batchesSentAgain = new AtomicInteger();
        final BlockingQueue<CompletableFuture<Integer>> bursts = new LinkedBlockingQueue<>();
        final Random random = new Random(42);
        volatile boolean stop;
        volatile Throwable failure;
        private boolean connected;

        Traffic(CountingMis mis, String casePrefix) {
            this.mis = mis;
            this.casePrefix = casePrefix;
        }

        /** Asks for a burst of {@link #BURST} requests in one transaction; completes with the copies committed by then. */
        CompletableFuture<Integer> burst() {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            bursts.add(done);
            return done;
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    CompletableFuture<Integer> burst = bursts.poll();
                    sendUntilCommitted(burst == null ? BATCH : BURST);
                    if (burst != null) {
                        burst.complete(copyOf.size());
                    } else {
                        Thread.sleep(PACE_MS); // the MIS's pace
                    }
                }
            } catch (Throwable e) {
                failure = e;
                bursts.forEach(b -> b.completeExceptionally(e));
            }
        }

        private void sendUntilCommitted(int n) throws Exception {
            List<String[]> batch = new ArrayList<>(); // request id, copy id
            List<String> newIds = new ArrayList<>();
            int next = ids.size();
            for (int i = 0; i < n; i++) {
                String id = UUID.randomUUID().toString();
                requestText.put(id, requests.create(id, casePrefix + (next + i), next + i));
                newIds.add(id);
                batch.add(new String[] {id, id + "#" + (copyOf.size() + batch.size())});
                if ((next + i + 1) % COPY_EVERY == 0 && !ids.isEmpty()) {
                    String earlier = ids.get(random.nextInt(ids.size()));
                    batch.add(new String[] {earlier, earlier + "#" + (copyOf.size() + batch.size())});
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean failed = false;
            while (true) {
                try {
                    if (!connected) {
                        mis.connect();
                        connected = true;
                    }
                    for (String[] copy : batch) {
                        mis.send(requestText.get(copy[0]), copy[1]);
                    }
                    mis.commit();
                    break;
                } catch (JMSException | RuntimeException brokerGone) {
                    if (!failed) {
                        failed = true;
                        batchesSentAgain.incrementAndGet();
                    }
                    mis.disconnect();
                    connected = false;
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the MIS could not send for 60 s", brokerGone);
                    }
                    Thread.sleep(100); // retry pace while the broker is down
                }
            }
            ids.addAll(newIds);
            batch.forEach(copy -> copyOf.put(copy[1], copy[0]));
        }
    }
}

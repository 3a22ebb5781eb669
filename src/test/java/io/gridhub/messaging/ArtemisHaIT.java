package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.gridhub.TestPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Artemis high availability (issue 12): a replicated primary/backup pair of the standalone Artemis
 * 2.40.0 distribution on loopback ({@link StandaloneArtemis#startPair}), the packaged hub in native
 * mode connected to it with a failover URL ({@code (tcp://primary,tcp://backup)?ha=true&reconnectAttempts=-1…}),
 * and the marketing MIS ({@link CountingMis}, with the same kind of URL) sending
 * {@code create ConnectionApplication} requests at a steady pace, in small transactions, plus copies
 * of earlier ones ({@link BrokerRestartIT.Traffic}). Once the hub is answering, the MIS commits a
 * burst of requests and the <b>primary gets SIGKILL</b> with that backlog in its (replicated) journal.
 * The backup activates; the hub is never touched and must carry on with it by itself. The MIS keeps
 * sending until the hub has answered {@value #REPLIES_AFTER_FAILOVER} more requests.
 *
 * <p>It requires: the hub's first reply and its outbox relay's first event sent after the kill
 * within {@value #CARRY_ON_WITHIN_MS} ms of the backup accepting connections (JMSTimestamps, the hub's clock); health 200
 * again afterwards and every health probe answered within its timeout; and, as {@link HubKillIT}
 * checks, nothing lost and nothing done twice: every copy of every request answered with the reply
 * recorded for its MessageID, each case once (no case with two live plans), each request's
 * {@code created} event in the outbox once, sent, and received by the MIS exactly once after
 * deduplication by MessageID. It prints the gap between the last reply sent before the kill and the
 * first one after.
 *
 * <p>The failover must keep the hub's connection: Spring's caching connection factory used to reset it
 * on the client's "FAILOVER" notice, closing every session that had just failed over
 * ({@link FailoverKeepingConnectionFactory}); the test requires no such reset in the hub's log.
 */
// about 65 s on an idle machine (the brokers' and the hub's starts are most of it), 120-180 s at a load
// average of 15-22 on two cores; bounded by the deadlines and this timeout
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ArtemisHaIT {

    /**
     * The longest the hub may take, from the backup accepting connections, to send a reply and an event
     * through it (as BrokerRestartIT bounds a restart; the backup's own activation, 1.7–6 s here, depends
     * on the machine's load).
     */
    static final long CARRY_ON_WITHIN_MS = 10_000;
    /** Replies to wait for before the kill: the hub is answering through the primary. */
    static final int REPLIES_BEFORE_KILL = 100;
    /** Replies the hub must send after the failover before the MIS stops sending. */
    static final int REPLIES_AFTER_FAILOVER = 150;
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** What Spring's caching connection factory logs when it drops its connection after an exception. */
    static final String CONNECTION_RESET = "resetting the underlying JMS Connection";

    @Test
    void killingThePrimaryUnderTrafficLosesNothingAndTheHubCarriesOnWithTheBackup() throws Exception {
        Path work = Path.of("target", "artemis-ha-it").toAbsolutePath();
        HubKillIT.deleteTree(work);
        Files.createDirectories(work);
        String dbUrl = "jdbc:postgresql://127.0.0.1:" + HubKillIT.env("HUB_PG_PORT", "55432") + "/"
                + HubKillIT.env("HUB_TEST_KILLED_HUB_DB_NAME", "gridhub_test_hub");
        String dbUser = HubKillIT.env("HUB_DB_USER", "gridhub");
        String dbPassword = HubKillIT.env("HUB_DB_PASSWORD", "gridhub");
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();

        long pairStarted = System.nanoTime();
        // the shipped address settings (redelivery 1 s doubling, 5 attempts, gridhub.DLQ) on both brokers
        try (StandaloneArtemis.Pair pair = StandaloneArtemis.startPair(
                BrokerPropertiesFile.write(BrokerProperties.defaults("127.0.0.1", 0, 1000)))) {
            double pairStart = (System.nanoTime() - pairStarted) / 1e9;
            int httpPort = TestPorts.port("HUB_TEST_ARTEMIS_HA_HTTP_PORT");
            Map<String, String> settings = BrokerRestartIT.nativeHubSettings(dbUrl, dbUser, dbPassword, httpPort,
                    work.resolve("data"), pair.failoverUrl());
            Path hubLog = work.resolve("hub.log");
            CountingMis mis = new CountingMis(pair.failoverUrl(), StandaloneArtemis.MIS_USER,
                    StandaloneArtemis.MIS_PASSWORD, "gridhub.requests", "gridhub.replies.ha-" + run.toLowerCase(),
                    "gridhub.events.mis", BrokerRestartIT.NOUN);
            BrokerRestartIT.Traffic traffic = new BrokerRestartIT.Traffic(mis, "HA-" + run + "-");
            Thread sender = new Thread(traffic, "mis-traffic");
            PostgresRestartIT.HealthWatch health = new PostgresRestartIT.HealthWatch(httpPort);
            try (HubProcess hub = new HubProcess(Path.of("target", "gridhub.jar").toAbsolutePath(), settings, hubLog)) {
                assertThat(Path.of("target", "gridhub.jar")).as("the packaged hub (mvn package runs before the ITs)").exists();
                double start = hub.start(START_TIMEOUT);
                long testStarted = System.nanoTime();
                sender.start();
                health.start();

                HubKillIT.await("the hub answering through the primary", () -> mis.copiesAnswered() >= REPLIES_BEFORE_KILL,
                        () -> mis.copiesAnswered() + " replies", hub);
                int committed = traffic.burst().get(60, TimeUnit.SECONDS);
                int unansweredAtKill = committed - mis.copiesAnswered();
                long relayFailuresBefore = count(hubLog, "outbox relay failed");
                long killed = pair.primary().kill();
                long killedNanos = System.nanoTime();
                long backupActive = pair.backup().awaitListening();
                HubKillIT.await("a reply and an event sent by the hub after the primary died",
                        () -> mis.firstReplySentAfter(killed) > 0 && mis.firstEventSentAfter(killed) > 0,
                        () -> "first reply sent at " + mis.firstReplySentAfter(killed) + ", first event at "
                                + mis.firstEventSentAfter(killed) + ", primary killed at " + killed
                                + ", backup active at " + backupActive + "; backup log " + pair.backup().consoleLog(),
                        hub);
                long lastReplyBefore = mis.lastReplySentBy(killed);
                long firstReplyAfter = mis.firstReplySentAfter(killed);
                long firstEventAfter = mis.firstEventSentAfter(killed);
                int answeredAtFailover = mis.copiesAnswered();
                HubKillIT.await(REPLIES_AFTER_FAILOVER + " more replies through the backup",
                        () -> mis.copiesAnswered() >= answeredAtFailover + REPLIES_AFTER_FAILOVER,
                        () -> mis.copiesAnswered() - answeredAtFailover + " more replies", hub);
                HubKillIT.await("health UP after the failover", () -> health.firstUpAfter(killedNanos) != null,
                        () -> "health probes: " + health.summary(), hub);

                traffic.stop = true;
                sender.join(60_000);
                assertThat(traffic.failure).as("the MIS's sending").isNull();
                try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
                    List<String> ids = traffic.ids;
                    BrokerRestartIT.awaitEverythingDone(mis, traffic, db, hub);
                    health.stop();
                    mis.disconnect();

                    String figures = String.format("""
                            pair started and replicated %.1f s; hub start %.1f s; test after the start %.1f s
                            requests %d, copies of earlier requests %d, MIS transactions that failed and were sent again %d
                            request copies unanswered at the kill %d
                            primary killed → backup accepting %.2f s, → hub's first reply %.2f s, → first event %.2f s
                            last reply before the kill → first reply after: %.2f s
                            relay batches failed %d; listener invokers that failed and recovered %d; shared connection resets %d
                            health probes (every 250 ms): %s; first 200 after the kill %.2f s after it; slowest probe %.2f s
                            reply arrivals %d for %d copies; event arrivals %d, dropped as duplicates by MessageID %d
                            """, pairStart, start, (System.nanoTime() - testStarted) / 1e9, ids.size(),
                            traffic.copyOf.size() - ids.size(), traffic.batchesSentAgain.get(), unansweredAtKill,
                            (backupActive - killed) / 1e3, (firstReplyAfter - killed) / 1e3,
                            (firstEventAfter - killed) / 1e3, (firstReplyAfter - lastReplyBefore) / 1e3,
                            count(hubLog, "outbox relay failed") - relayFailuresBefore,
                            count(hubLog, "Setup of JMS message listener invoker failed"),
                            count(hubLog, CONNECTION_RESET), health.summary(),
                            (health.firstUpAfter(killedNanos) - killedNanos) / 1e9,
                            health.slowestBetween(Long.MIN_VALUE, Long.MAX_VALUE), mis.replyArrivals(),
                            traffic.copyOf.size(), mis.eventArrivals(), mis.eventDuplicatesDropped());
                    Files.writeString(work.resolve("figures.txt"), figures);
                    System.out.print("ArtemisHaIT: " + figures);

                    assertThat(unansweredAtKill).as("request copies in the primary's journal when it was killed")
                            .isGreaterThanOrEqualTo(BrokerRestartIT.BURST / 2);
                    assertThat(mis.failures()).as("unreadable replies or events").isEmpty();
                    HubKillIT.checkReplies(mis, ids, traffic.copyOf);
                    HubKillIT.checkDatabase(db, mis, traffic.casePrefix, ids);
                    HubKillIT.checkEvents(db, mis, ids);
                    assertThat(firstReplyAfter - backupActive).as("backup active to the hub's first reply through it (ms)")
                            .isLessThanOrEqualTo(CARRY_ON_WITHIN_MS);
                    assertThat(firstEventAfter - backupActive).as("backup active to the relay's first event through it (ms)")
                            .isLessThanOrEqualTo(CARRY_ON_WITHIN_MS);
                    assertThat(count(hubLog, CONNECTION_RESET))
                            .as("the hub's shared broker connection reset (the failover kept it: FailoverKeepingConnectionFactory)")
                            .isZero();
                    assertThat(health.unansweredBetween(Long.MIN_VALUE, Long.MAX_VALUE))
                            .as("health probes without an answer within " + PostgresRestartIT.HEALTH_ANSWER_WITHIN + ": "
                                    + health.summary()).isZero();
                }
            } finally {
                traffic.stop = true;
                health.stop();
                sender.join(10_000);
                mis.disconnect();
            }
        }
    }

    private static long count(Path log, String what) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(what)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }
}

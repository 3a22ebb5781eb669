package io.gridhub.messaging.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.gridhub.bench.StartGate;
import io.gridhub.messaging.ConnectionApplicationRequests;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The marketing MIS under load, for {@code ./hub bench mis-broker}: sends {@code create
 * ConnectionApplication} at a fixed rate over the broker (Artemis Core, as a JMS MIS would) and
 * times each one until the event it caused leaves the hub's outbox: the {@code created} message of
 * the chosen noun whose CorrelationID is the request's MessageID. The consumer deduplicates by
 * MessageID and counts what it drops; a case with no event within the grace period is lost.
 *
 * <p>Usage: {@code MisBrokerLoad brokerUrl user password ratePerSecond seconds outDir [noun]}, with
 * {@code -Dbench.warmup=SECONDS} sending at the same rate first for that long: those cases count for
 * loss and duplicates but not in the latency percentiles (a freshly started JVM compiles its hot
 * paths in its first half minute, and the MIS talks to a hub that has been running for days); their
 * own p99 is reported beside. {@code -Dbench.sites=FILE} (lon lat per line) places the cases there
 * in turn, {@code -Dbench.stage=PLAN_REPLY} has the MIS send them at that stage. Writes {@code latencies-ms.txt} (one per case, in send order, warm-up
 * included), {@code due-latencies.txt} (per case in send order: the epoch millisecond it was due on
 * the fixed-rate clock, then the latency from that time, or {@code lost}: a send the broker held
 * up counts, as it would for the MIS; for benchmarks that cut a run into windows of wall-clock time,
 * such as the soak), {@code counts.txt} (one line of name value pairs) and {@code summary.txt}.
 * With {@code -Dbench.gate=DIR} the clock starts with other drivers' (see {@link StartGate}).
 */
public final class MisBrokerLoad {

    private MisBrokerLoad() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);
        String noun = args.length > 6 ? args[6] : "ConnectionApplication";
        int warmup = Integer.getInteger("bench.warmup", 0);
        // sites (lon lat per line) to cycle through, e.g. near the benchmark grid's transformers
        List<double[]> sites = System.getProperty("bench.sites") == null ? List.of()
                : Files.readAllLines(Path.of(System.getProperty("bench.sites"))).stream().filter(l -> !l.isBlank())
                        .map(l -> l.trim().split("\\s+"))
                        .map(a -> new double[] {Double.parseDouble(a[0]), Double.parseDouble(a[1])}).toList();
        // the stage the MIS says its cases are at (PLAN_REPLY: the hub drafts the plan on create)
        String stage = System.getProperty("bench.stage");
        Files.createDirectories(out);
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        String replyQueue = "gridhub.replies.bench-" + run.toLowerCase();
        Iec61968Codec codec = new Iec61968Codec();
        ConnectionApplicationRequests requests = new ConnectionApplicationRequests();

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> dueAt = new ConcurrentHashMap<>();
        Map<String, Long> dueEpochMs = new ConcurrentHashMap<>();
        Map<String, Long> eventAt = new ConcurrentHashMap<>();
        Set<String> eventIds = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger repliesOk = new AtomicInteger();
        AtomicInteger repliesFailed = new AtomicInteger();
        List<String> failures = new ArrayList<>();

        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
        try (Connection connection = factory.createConnection()) {
            Session eventSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            eventSession.createConsumer(eventSession.createQueue("gridhub.events.mis")).setMessageListener(m -> {
                long now = System.nanoTime();
                try {
                    MessageEnvelope e = codec.read(((TextMessage) m).getText());
                    if (!eventIds.add(e.header().messageId())) {
                        duplicates.incrementAndGet();
                        return;
                    }
                    String cause = e.header().correlationId();
                    if (cause != null && noun.equals(e.header().noun()) && "created".equals(e.header().verb())) {
                        eventAt.putIfAbsent(cause, now);
                    }
                } catch (JMSException | RuntimeException ex) {
                    synchronized (failures) {
                        failures.add("event: " + ex);
                    }
                }
            });
            Session replySession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            replySession.createConsumer(replySession.createQueue(replyQueue)).setMessageListener(m -> {
                try {
                    Reply r = codec.read(((TextMessage) m).getText()).reply();
                    if (r.result() == Reply.Result.FAILED) {
                        repliesFailed.incrementAndGet();
                        synchronized (failures) {
                            if (failures.size() < 20) {
                                failures.add("reply: " + r.errors());
                            }
                        }
                    } else {
                        repliesOk.incrementAndGet();
                    }
                } catch (JMSException | RuntimeException ex) {
                    repliesFailed.incrementAndGet();
                }
            });
            connection.start();

            Session sendSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = sendSession.createProducer(sendSession.createQueue("gridhub.requests"));
            jakarta.jms.Queue replies = sendSession.createQueue(replyQueue);
            int warmupCases = rate * warmup;
            int total = rate * (seconds + warmup);
            List<String> order = new ArrayList<>(total);
            Sender sender = (i, due) -> {
                String messageId = UUID.randomUUID().toString();
                String caseNo = "BENCH-" + run + "-" + i;
                try {
                    TextMessage m = sendSession.createTextMessage(requests.create(messageId, caseNo, i, sites, stage));
                    m.setJMSReplyTo(replies);
                    synchronized (order) {
                        order.add(messageId);
                    }
                    sentAt.put(messageId, System.nanoTime());
                    dueAt.put(messageId, due);
                    dueEpochMs.put(messageId, System.currentTimeMillis() - (System.nanoTime() - due) / 1_000_000L);
                    producer.send(m);
                } catch (JMSException e) {
                    synchronized (failures) {
                        failures.add("send: " + e);
                    }
                }
            };
            StartGate.await("mis");
            double warmupDrain = 0;
            if (warmupCases > 0) {
                sendAtRate(sender, 0, warmupCases, rate);
                // the sustained run starts on a hub that has caught up, not on the warm-up's backlog
                warmupDrain = drain(eventAt, order);
            }
            long started = System.nanoTime();
            sendAtRate(sender, warmupCases, total, rate);
            double sendSeconds = (System.nanoTime() - started) / 1e9;
            double drainSeconds = drain(eventAt, order);
            Thread.sleep(2_000); // late duplicates, if any
            int measuredCases = total - warmupCases;

            List<Double> latencies = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            StringBuilder perCase = new StringBuilder();
            StringBuilder timed = new StringBuilder();
            int lost = 0;
            int index = 0;
            for (String id : order) {
                boolean warming = index++ < warmupCases;
                Long at = eventAt.get(id);
                if (at == null) {
                    lost++;
                    perCase.append("lost\n");
                    timed.append(dueEpochMs.get(id)).append(" lost\n");
                } else {
                    double ms = (at - sentAt.get(id)) / 1e6;
                    (warming ? warm : latencies).add(ms);
                    perCase.append(String.format("%.2f%n", ms));
                    timed.append(dueEpochMs.get(id)).append(String.format(" %.2f%n", (at - dueAt.get(id)) / 1e6));
                }
            }
            Files.writeString(out.resolve("latencies-ms.txt"), perCase);
            Files.writeString(out.resolve("due-latencies.txt"), timed);
            int sendFailures;
            int eventFailures;
            synchronized (failures) {
                sendFailures = (int) failures.stream().filter(f -> f.startsWith("send:")).count();
                eventFailures = (int) failures.stream().filter(f -> f.startsWith("event:")).count();
            }
            Files.writeString(out.resolve("counts.txt"), String.format(
                    "sent %d replies_ok %d replies_failed %d events %d lost %d duplicates %d send_failures %d"
                    + " unreadable_events %d%n", order.size(), repliesOk.get(), repliesFailed.get(), order.size() - lost,
                    lost, duplicates.get(), sendFailures, eventFailures));
            List<Double> sorted = latencies.stream().sorted().toList();
            List<Double> warmSorted = warm.stream().sorted().toList();
            String warmLine = warmup == 0 ? "" : String.format(
                    "warm-up: first %d s (%d cases, not in the percentiles above) latency ms p50 %.1f p99 %.1f;"
                    + " its last event %.1f s after its last send, then the sustained run began%n", warmup,
                    warm.size(), pct(warmSorted, 50), pct(warmSorted, 99), warmupDrain);
            String summary = String.format("""
                    sent %d in %.1f s (%.1f/s, target %d/s); last event %.1f s after the last send
                    replies OK %d FAILED %d
                    created %s events %d, lost %d, duplicates dropped by MessageID %d
                    latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f
                    """, measuredCases, sendSeconds, measuredCases / sendSeconds, rate, drainSeconds, repliesOk.get(),
                    repliesFailed.get(), noun, latencies.size(), lost, duplicates.get(), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                    sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1)) + warmLine;
            Files.writeString(out.resolve("summary.txt"), summary + String.join("\n", failures) + "\n");
            System.out.print(summary);
            failures.stream().limit(5).forEach(System.out::println);
        }
    }

    private interface Sender {
        void send(int index, long dueNanos);
    }

    /** Sends cases {@code from} to {@code to - 1} at {@code rate} per second, on a fixed-rate clock. */
    private static void sendAtRate(Sender sender, int from, int to, int rate) throws InterruptedException {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger(from);
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        var task = clock.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i < to) {
                sender.send(i, start + (i - from) * period);
            }
        }, 0, period, TimeUnit.NANOSECONDS);
        while (next.get() < to) {
            Thread.sleep(50);
        }
        task.cancel(false);
        clock.shutdown();
    }

    /**
     * Waits until every case sent has its event; a backlog is not a loss, so it waits while events
     * still arrive and gives up after 30 s without progress. Returns the seconds it waited.
     */
    private static double drain(Map<String, Long> eventAt, List<String> order) throws InterruptedException {
        long start = System.nanoTime();
        int seen = -1;
        long lastProgress = System.currentTimeMillis();
        while (eventAt.size() < order.size() && System.currentTimeMillis() - lastProgress < 30_000) {
            if (eventAt.size() != seen) {
                seen = eventAt.size();
                lastProgress = System.currentTimeMillis();
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}

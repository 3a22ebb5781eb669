package io.gridhub.siting.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.gridhub.bench.StartGate;

/**
 * Siting requests at a constant rate, for {@code ./hub bench soak}: an open-loop driver. Request
 * {@code i} is due at {@code start + i / rate}; it is sent at that time whether or not earlier
 * answers are in (each on a connection of its own if need be), and its latency is measured from the
 * time it was due, not from the time it went out. A closed-loop driver (wrk, one request per
 * connection after the other) sends less while the hub is slow and so hides the slow stretch: the
 * coordinated omission this driver avoids. Requests go over plain keep-alive HTTP/1.1 connections
 * ({@link Http1Connection}), one thread each; a request due while every connection is busy opens
 * another.
 *
 * <p>Usage: {@code SitingLoad url bodiesFile ratePerSecond seconds outDir}, with the workspace
 * session in the environment: {@code COOKIE} (the {@code Cookie} header: JSESSIONID and XSRF-TOKEN)
 * and {@code XSRF} (the {@code X-XSRF-TOKEN} header), as one form login gives them; the bodies are
 * JSON siting requests, one per line, sent in turn. An answer that does not arrive within
 * {@code -Dbench.timeout=SECONDS} (10) counts as an error, as does any status but 200.
 *
 * <p>With {@code -Dbench.gate=DIR} the clock starts with other drivers' (see {@link StartGate}).
 * Writes {@code requests.txt} (per request: the epoch millisecond it was due, the latency in ms
 * from then, the HTTP status or -1 for no answer), {@code counts.txt} (name value pairs) and
 * {@code summary.txt}; prints the summary. Before the clock starts the driver sends
 * {@code -Dbench.driverWarmup=N} (400) requests one after the other, so that its own first seconds
 * (a cold JVM: its send path interpreted, its first connections opened) are not in the figures.
 */
public final class SitingLoad {

    private SitingLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        List<String> bodies = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        Duration timeout = Duration.ofSeconds(Long.getLong("bench.timeout", 10));
        String cookie = System.getenv("COOKIE");
        String xsrf = System.getenv("XSRF");
        if (cookie == null || xsrf == null || bodies.isEmpty()) {
            throw new IllegalArgumentException("COOKIE and XSRF must be set and the bodies file must not be empty");
        }
        Files.createDirectories(out);

        String headers = "Content-Type: application/json\r\nCookie: " + cookie + "\r\nX-XSRF-TOKEN: " + xsrf + "\r\n";
        byte[][] requests = bodies.stream().map(b -> Http1Connection.post(url, headers, b)).toArray(byte[][]::new);
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        long timeoutNanos = timeout.toNanos();
        long[] latencyNanos = new long[total];
        int[] status = new int[total];
        Arrays.fill(status, -1);
        long[] sendLagNanos = new long[total];
        List<String> errors = new ArrayList<>();
        CountDownLatch answered = new CountDownLatch(total);
        warmUp(url, requests, Integer.getInteger("bench.driverWarmup", 400));
        StartGate.await("siting");
        long cpuBefore = processCpuNanos();

        // Each request goes to an idle connection's thread if one waits for work, else to a new
        // connection and thread: no request waits for another's answer (open loop).
        SynchronousQueue<Job> handoff = new SynchronousQueue<>();
        AtomicInteger connections = new AtomicInteger();
        Consumer<Job> run = job -> {
            long left = timeoutNanos - (System.nanoTime() - job.due);
            int s = -1;
            String failure = null;
            Http1Connection c = job.worker.connection(url);
            try {
                if (c == null) {
                    throw new IOException("no connection");
                }
                s = c.exchange(requests[job.n % requests.length], (int) Math.max(1, left / 1_000_000L));
            } catch (IOException | RuntimeException e) {
                failure = e.toString();
                job.worker.drop();
            }
            latencyNanos[job.n] = System.nanoTime() - job.due;
            if (failure == null) {
                status[job.n] = s;
                job.worker.keepOrDrop();
            } else {
                synchronized (errors) {
                    if (errors.size() < 20) {
                        errors.add("request " + job.n + ": " + failure);
                    }
                }
            }
            answered.countDown();
        };

        // the clock of the whole run: due times are fixed from here, in nanoTime and in epoch ms
        long start = System.nanoTime() + 50_000_000L;
        long startEpochMs = System.currentTimeMillis() + 50;
        for (int i = 0; i < total; i++) {
            final long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            sendLagNanos[i] = System.nanoTime() - due;
            Job job = new Job(i, due);
            if (!handoff.offer(job)) {
                Worker w = new Worker(connections, handoff, run);
                job.worker = w;
                w.start(job);
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        // every request has its timeout: all are answered or failed well within twice that
        boolean all = answered.await(2 * timeout.toSeconds() + 5, TimeUnit.SECONDS);
        double driverCpuMsPerRequest = (processCpuNanos() - cpuBefore) / 1e6 / total;

        StringBuilder lines = new StringBuilder(total * 24);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<Double> ok = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long dueMs = startEpochMs + i * periodNanos / 1_000_000L;
            boolean done = latencyNanos[i] != 0;
            int s = done ? status[i] : -1;
            byStatus.merge(s, 1, Integer::sum);
            double ms = done ? latencyNanos[i] / 1e6 : Double.NaN;
            if (s == 200) {
                ok.add(ms);
            }
            lines.append(dueMs).append(' ').append(done ? String.format("%.2f", ms) : "NaN").append(' ').append(s)
                    .append('\n');
        }
        Files.writeString(out.resolve("requests.txt"), lines);
        List<Double> sorted = ok.stream().sorted().toList();
        long[] lags = sendLagNanos.clone();
        Arrays.sort(lags);
        int notOk = total - byStatus.getOrDefault(200, 0);
        Files.writeString(out.resolve("counts.txt"), String.format("sent %d ok %d not_ok %d no_answer %d%n", total,
                byStatus.getOrDefault(200, 0), notOk, byStatus.getOrDefault(-1, 0)));
        String summary = String.format("""
                sent %d in %.1f s (%.1f/s, target %d/s, open loop); answers by status %s%s
                latency ms from the due time, answers 200: p50 %.1f p99 %.1f p99.9 %.1f max %.1f
                driver: send lag behind the due time p99 %.2f ms max %.2f ms; CPU %.3f ms per request; %d connections opened
                """, total, sendSeconds, total / sendSeconds, rate, byStatus, all ? "" : " (some never completed)",
                pct(sorted, 50), pct(sorted, 99), pct(sorted, 99.9),
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1),
                lags[(int) Math.min(total - 1, Math.ceil(0.99 * total) - 1)] / 1e6, lags[total - 1] / 1e6,
                driverCpuMsPerRequest, connections.get());
        Files.writeString(out.resolve("summary.txt"), summary + String.join("\n", errors) + "\n");
        System.out.print(summary);
        errors.stream().limit(5).forEach(System.out::println);
        System.exit(0); // the client's selector thread is not a daemon on every JDK
    }

    /** Sends {@code count} requests one after the other before the clock starts: the driver's own JIT warm-up. */
    private static void warmUp(URI url, byte[][] requests, int count) throws IOException {
        Http1Connection c = null;
        try {
            for (int i = 0; i < count; i++) {
                if (c == null) {
                    c = new Http1Connection(url, 5000);
                }
                int s = c.exchange(requests[i % requests.length], 10_000);
                if (s != 200) {
                    throw new IllegalStateException("warm-up request " + i + " answered " + s);
                }
                if (!c.reusable()) {
                    c.close();
                    c = null;
                }
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    /** A request due at {@code due} (System.nanoTime), and the worker that sends it. */
    private static final class Job {
        final int n;
        final long due;
        Worker worker;

        Job(int n, long due) {
            this.n = n;
            this.due = due;
        }
    }

    /**
     * A thread with one keep-alive connection: sends the jobs handed to it, then waits for the next.
     * A connection idle for more than {@link #STALE_NANOS} is replaced before use (the server may have
     * closed it), as is one the server asked to close or that failed.
     */
    private static final class Worker {
        private static final long STALE_NANOS = 5_000_000_000L;
        private final AtomicInteger connections;
        private final SynchronousQueue<Job> handoff;
        private final Consumer<Job> run;
        private Http1Connection connection;
        private long lastUsed;

        Worker(AtomicInteger connections, SynchronousQueue<Job> handoff, Consumer<Job> run) {
            this.connections = connections;
            this.handoff = handoff;
            this.run = run;
        }

        void start(Job first) {
            Thread t = new Thread(() -> {
                Job job = first;
                try {
                    while (job != null) {
                        run.accept(job);
                        job = handoff.poll(60, TimeUnit.SECONDS);
                        if (job != null) {
                            job.worker = this;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    drop();
                }
            }, "siting-load-" + connections.get());
            t.setDaemon(true);
            t.start();
        }

        Http1Connection connection(URI url) {
            if (connection != null && System.nanoTime() - lastUsed > STALE_NANOS) {
                drop();
            }
            if (connection == null) {
                try {
                    connection = new Http1Connection(url, 5000);
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return null;
                }
            }
            return connection;
        }

        void keepOrDrop() {
            lastUsed = System.nanoTime();
            if (!connection.reusable()) {
                drop();
            }
        }

        void drop() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}

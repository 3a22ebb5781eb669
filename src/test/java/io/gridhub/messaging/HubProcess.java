package io.gridhub.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged hub ({@code target/gridhub.jar}) as a child process of the test, on its own
 * database, ports and data directory (which holds the embedded broker's journal), so that a test
 * can kill it for real ({@code kill -9}) and start it again on the same state. A JVM shutdown hook
 * kills it too, so an aborted test run leaves no hub behind.
 */
public final class HubProcess implements AutoCloseable {

    private final Path jar;
    private final Map<String, String> environment;
    private final Path log;
    private final int httpPort;
    private final Thread reaper = new Thread(this::kill, "hub-process-reaper");
    private Process process;

    /**
     * @param environment the hub's settings (HUB_DB_URL, HUB_HTTP_PORT, HUB_DATA_DIR…); HUB_HTTP_PORT
     *                    is the port whose health is awaited
     * @param log         where the hub's output goes (appended, across restarts)
     */
    public HubProcess(Path jar, Map<String, String> environment, Path log) {
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.httpPort = Integer.parseInt(environment.get("HUB_HTTP_PORT"));
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * The settings a test's own hub starts from: its database, loopback HTTP and broker ports, its
     * data directory (the embedded broker's journal, file feeds' inboxes), no sample grid, no demo
     * users, no time-limit job (it would write outbox warnings of its own). A mutable copy: the test
     * adds or overrides what it needs.
     */
    public static Map<String, String> settings(String dbUrl, String dbUser, String dbPassword, int httpPort,
            int brokerPort, Path dataDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("HUB_DB_URL", dbUrl);
        settings.put("HUB_DB_USER", dbUser);
        settings.put("HUB_DB_PASSWORD", dbPassword);
        settings.put("HUB_DB_POOL_SIZE", "6");
        settings.put("HUB_HTTP_PORT", Integer.toString(httpPort));
        settings.put("SERVER_ADDRESS", "127.0.0.1");
        settings.put("HUB_BROKER_PORT", Integer.toString(brokerPort));
        settings.put("HUB_DATA_DIR", dataDir.toString());
        settings.put("HUB_SAMPLE_GRID", "false");
        settings.put("HUB_CASES_TIME_LIMIT_CRON", "");
        settings.put("HUB_DEMO_USERS", "false");
        return settings;
    }

    /** Starts the hub and waits until /actuator/health answers 200; returns the seconds that took. */
    public double start(Duration timeout) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the hub is running already");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and the serial collector: the hub starts faster on two busy cores, which is what a
        // test that starts it twice waits for; its throughput for a thousand messages hardly changes
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        process = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - started) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        kill();
        throw new IllegalStateException("the hub was not healthy within " + timeout + "; see " + log);
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no broker or database clean-up in the hub. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the hub did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the hub's log, for a failure message. */
    public String tail(int lines) {
        try {
            var all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}

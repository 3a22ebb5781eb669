package io.gridhub.messaging;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, standalone ActiveMQ Artemis 2.40.0 broker (the distribution from Maven Central, unpacked
 * by the build into target/artemis-dist), created as a fresh instance with login required and run
 * as its own process on a free loopback port.
 */
final class StandaloneArtemis implements AutoCloseable {

    static final String USER = "gridhub";
    static final String PASSWORD = "standalone-secret";
    static final String MIS_USER = "mis";
    static final String MIS_PASSWORD = "standalone-mis-secret";

    private volatile Process process;
    private final int port;
    private final Path instance;

    private StandaloneArtemis(Process process, int port, Path instance) {
        this.process = process;
        this.port = port;
        this.instance = instance;
    }

    /**
     * A broker as a utility would set it up for the hub: the hub's user in role {@code hub}, the
     * MIS's in role {@code mis}, and the hub's MIS address rules installed as etc/broker.properties.
     */
    static StandaloneArtemis start(String brokerProperties) throws Exception {
        Path dist = Path.of(System.getProperty("artemis.dist.dir", "target/artemis-dist"), "apache-artemis-2.40.0");
        if (!Files.isExecutable(dist.resolve("bin/artemis"))) {
            throw new IllegalStateException("Artemis distribution not found at " + dist
                    + ": run the tests with ./mvnw verify (the build unpacks it before the integration tests)");
        }
        int port = freePort();
        Path instance = Files.createTempDirectory(Path.of("target"), "artemis-instance-").toAbsolutePath();
        run(List.of(dist.resolve("bin/artemis").toString(), "create", "--silent", "--force",
                "--user", USER, "--password", PASSWORD, "--role", BrokerProperties.HUB_ROLE, "--require-login",
                "--host", "127.0.0.1", "--default-port", String.valueOf(port),
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                "--no-web", "--no-autotune", instance.toString()), Duration.ofSeconds(120));
        Path etc = instance.resolve("etc");
        Files.writeString(etc.resolve("broker.properties"), brokerProperties);
        Files.writeString(etc.resolve("artemis-users.properties"), "\n" + MIS_USER + " = " + MIS_PASSWORD + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(etc.resolve("artemis-roles.properties"), BrokerProperties.HUB_ROLE + " = " + USER + "\n"
                + BrokerProperties.MIS_ROLE + " = " + MIS_USER + "\n");
        StandaloneArtemis artemis = new StandaloneArtemis(launch(instance), port, instance);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                artemis.close();
            } catch (Exception e) {
                artemis.process.destroyForcibly();
            }
        }, "stop-standalone-artemis"));
        artemis.awaitListening();
        return artemis;
    }

    private static Process launch(Path instance) throws IOException {
        // bin/artemis execs the broker's JVM: this process is the broker itself, a SIGKILL kills it
        return new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(instance.resolve("log/console.log").toFile()))
                .start();
    }

    /** Waits until the broker accepts connections; returns that moment (epoch ms). */
    private long awaitListening() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!listening(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("standalone Artemis did not start; see " + instance.resolve("log"));
            }
            Thread.sleep(50);
        }
        return System.currentTimeMillis();
    }

    /** SIGKILL of the broker's process ({@code kill -9}); returns once it is dead (epoch ms). */
    long kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker did not die within 30 s of SIGKILL");
        }
        return System.currentTimeMillis();
    }

    /** A clean stop (SIGTERM: the broker's shutdown hook stops it); returns once it has exited (epoch ms). */
    long stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker did not stop within 60 s of SIGTERM");
        }
        return System.currentTimeMillis();
    }

    /**
     * Starts the broker again on the same instance (its journal) and port after {@link #kill} or
     * {@link #stop}; returns the moment it accepts connections again (epoch ms).
     */
    long restart() throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker is running already");
        }
        process = launch(instance);
        return awaitListening();
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The broker's output, across restarts. */
    Path consoleLog() {
        return instance.resolve("log/console.log");
    }

    private static void run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + command + "\n" + new String(out));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

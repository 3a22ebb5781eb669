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
        StandaloneArtemis artemis = create(freePort(), brokerProperties, List.of());
        artemis.awaitListening();
        return artemis;
    }

    /**
     * A replicated primary/backup pair ({@code ha-policy} replication, shared nothing) of such brokers on
     * two free loopback ports, each the other's static cluster connector. Returns once the backup has
     * copied the primary's journal and announced itself: from then on a SIGKILL of the primary makes
     * the backup active with every message the primary had acknowledged. The broker.xml settings are
     * {@link #PRIMARY_HA_POLICY} and {@link #BACKUP_HA_POLICY}.
     */
    static Pair startPair(String brokerProperties) throws Exception {
        int primaryPort = freePort();
        int backupPort = freePort();
        // both created and started at once (each `artemis create` and start is a JVM of its own): the
        // backup keeps trying its static connector until the primary listens
        java.util.concurrent.CompletableFuture<StandaloneArtemis> backupStarting = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return create(backupPort, brokerProperties, haOptions(true, primaryPort), BACKUP_HA_POLICY);
                    } catch (Exception e) {
                        throw new IllegalStateException("backup not created", e);
                    }
                });
        StandaloneArtemis primary = null;
        StandaloneArtemis backup = null;
        try {
            primary = create(primaryPort, brokerProperties, haOptions(false, backupPort), PRIMARY_HA_POLICY);
            backup = backupStarting.get(120, TimeUnit.SECONDS);
            primary.awaitListening();
            // a passive backup opens no acceptor: it is ready when its log says it holds the primary's
            // journal (AMQ221024 synchronized with primary) and has announced itself (AMQ221031)
            backup.awaitLog("AMQ221024", "AMQ221031");
            return new Pair(primary, backup);
        } catch (Exception | Error e) {
            if (backup == null) {
                backupStarting.thenAccept(StandaloneArtemis::closeQuietly);
            } else {
                backup.closeQuietly();
            }
            if (primary != null) {
                primary.closeQuietly();
            }
            throw e;
        }
    }

    /** Cluster user of a pair: replication and the cluster connection authenticate with it. */
    static final String CLUSTER_USER = "gridhub-cluster";
    static final String CLUSTER_PASSWORD = "standalone-cluster-secret";

    /**
     * The primary's HA policy. {@code vote-on-replication-failure} false (the broker's own default;
     * {@code artemis create} writes true): with a single pair there is no other active broker to vote,
     * so a primary that lost its backup keeps serving and waits for the backup to come back.
     * {@code check-for-active-server}: a primary restarted after its backup took over does not
     * activate with its stale journal beside the active backup; it finds the backup active with its
     * node id, and becomes the backup (then fails back, see the backup's {@code allow-failback}).
     */
    static final String PRIMARY_HA_POLICY = """
            <ha-policy>
               <replication>
                  <primary>
                     <check-for-active-server>true</check-for-active-server>
                     <vote-on-replication-failure>false</vote-on-replication-failure>
                  </primary>
               </replication>
            </ha-policy>""";

    /**
     * The backup's HA policy. When it loses the replication connection it votes among the other
     * active brokers of the cluster; a single pair has none, so the majority needed is 0 votes and it
     * activates at once (AMQ221071 "Failing over based on quorum vote results"): right for a dead
     * primary, split brain for a primary that is only cut off (see docs/reliability.md).
     */
    static final String BACKUP_HA_POLICY = """
            <ha-policy>
               <replication>
                  <backup>
                     <allow-failback>true</allow-failback>
                  </backup>
               </replication>
            </ha-policy>""";

    private static List<String> haOptions(boolean backup, int peerPort) {
        // two brokers beside the hub on a small machine: 512 MB each rather than the default 2 GB
        List<String> options = new java.util.ArrayList<>(List.of("--java-memory", "512M", "--clustered", "--replicated",
                "--cluster-user", CLUSTER_USER, "--cluster-password", CLUSTER_PASSWORD,
                "--staticCluster", "tcp://127.0.0.1:" + peerPort));
        if (backup) {
            options.add("--backup");
        }
        return options;
    }

    /** A primary/backup pair; closing it stops both. */
    record Pair(StandaloneArtemis primary, StandaloneArtemis backup) implements AutoCloseable {

        /**
         * The URL a client of the pair uses: both brokers, {@code ha=true} (the client learns the pair's
         * topology and fails over to the backup), reconnecting without end, every 500 ms.
         */
        String failoverUrl() {
            return "(" + primary.url() + "," + backup.url() + ")?ha=true&reconnectAttempts=-1&retryInterval=500"
                    + "&retryIntervalMultiplier=1.0";
        }

        @Override
        public void close() throws Exception {
            try {
                backup.close();
            } finally {
                primary.close();
            }
        }
    }

    private static StandaloneArtemis create(int port, String brokerProperties, List<String> options,
            String... haPolicy) throws Exception {
        Path dist = Path.of(System.getProperty("artemis.dist.dir", "target/artemis-dist"), "apache-artemis-2.40.0");
        if (!Files.isExecutable(dist.resolve("bin/artemis"))) {
            throw new IllegalStateException("Artemis distribution not found at " + dist
                    + ": run the tests with ./mvnw verify (the build unpacks it before the integration tests)");
        }
        Path instance = Files.createTempDirectory(Path.of("target"), "artemis-instance-").toAbsolutePath();
        List<String> command = new java.util.ArrayList<>(List.of(dist.resolve("bin/artemis").toString(), "create",
                "--silent", "--force",
                "--user", USER, "--password", PASSWORD, "--role", BrokerProperties.HUB_ROLE, "--require-login",
                "--host", "127.0.0.1", "--default-port", String.valueOf(port),
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                "--no-web", "--no-autotune"));
        command.addAll(options);
        command.add(instance.toString());
        run(command, Duration.ofSeconds(120));
        Path etc = instance.resolve("etc");
        for (String policy : haPolicy) {
            Path brokerXml = etc.resolve("broker.xml");
            String xml = Files.readString(brokerXml);
            String replaced = xml.replaceFirst("(?s)<ha-policy>.*?</ha-policy>", java.util.regex.Matcher.quoteReplacement(policy));
            if (replaced.equals(xml)) {
                throw new IllegalStateException("no <ha-policy> in " + brokerXml + " to replace");
            }
            Files.writeString(brokerXml, replaced);
        }
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
        return artemis;
    }

    private static Process launch(Path instance) throws IOException {
        // bin/artemis execs the broker's JVM: this process is the broker itself, a SIGKILL kills it
        return new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(instance.resolve("log/console.log").toFile()))
                .start();
    }

    /**
     * Waits until the broker accepts connections (a backup: until it has become active); returns that
     * moment (epoch ms).
     */
    long awaitListening() throws Exception {
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

    /** Waits (60 s at most) until the broker's console log holds every one of {@code codes} (AMQ message ids). */
    private void awaitLog(String... codes) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            String log = Files.exists(consoleLog()) ? new String(Files.readAllBytes(consoleLog())) : "";
            if (java.util.Arrays.stream(codes).allMatch(log::contains)) {
                return;
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("the broker did not log " + List.of(codes) + " within 60 s; see "
                        + consoleLog());
            }
            Thread.sleep(100);
        }
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

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            process.destroyForcibly();
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

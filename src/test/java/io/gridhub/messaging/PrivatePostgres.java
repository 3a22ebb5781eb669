package io.gridhub.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 cluster of the test's own (Debian's binaries, PostGIS installed system-wide), in a
 * folder under {@code target/}, on a loopback port: for a test that stops and starts the database
 * under a running hub without touching the shared cluster other engineers use. Password
 * authentication (SCRAM) on TCP only, no Unix socket. As root the cluster runs as the {@code postgres}
 * OS user (PostgreSQL refuses root), as {@code ./hub} does. A JVM shutdown hook stops it, so an
 * aborted run leaves no server behind.
 */
final class PrivatePostgres implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String SUPERUSER = "postgres";
    private static final String SUPERUSER_PASSWORD = "postgres";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;
    private final Thread reaper = new Thread(this::stopImmediatelyQuietly, "private-postgres-reaper");

    /** A cluster in {@code dir} (created, must not exist or be empty) on {@code port}; not started. */
    PrivatePostgres(Path dir, int port) {
        this.dir = dir.toAbsolutePath();
        this.data = this.dir.resolve("data");
        this.log = this.dir.resolve("postgresql.log");
        this.port = port;
    }

    /** initdb, the settings of a small loopback cluster, then start. */
    PrivatePostgres create() throws IOException, InterruptedException {
        return create("");
    }

    /**
     * {@link #create()} with more postgresql.conf lines, e.g. {@code shared_preload_libraries}. The
     * cluster can serve streaming replicas ({@link #createStandbyOf}): initdb's pg_hba.conf lets the
     * superuser replicate over loopback with its password, and wal_level replica is the default.
     */
    PrivatePostgres create(String extraSettings) throws IOException, InterruptedException {
        Path passwordFile = dir.resolve("superuser-password");
        ownDirectory(passwordFile, SUPERUSER_PASSWORD + "\n");
        run(60, BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "--pwfile", passwordFile.toString(),
                "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        Files.writeString(data.resolve("postgresql.conf"), """

                # --- test cluster (PrivatePostgres) ---
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = ''
                max_connections = 40
                shared_buffers = 32MB
                """.formatted(port) + extraSettings + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Runtime.getRuntime().addShutdownHook(reaper);
        start();
        return this;
    }

    /**
     * A streaming replica (hot standby) of a running {@code primary}, in this cluster's folder and on
     * its port: {@code pg_basebackup -R -X stream} (the primary's databases, PostGIS included, and the
     * primary_conninfo of a standby), then start; it accepts read-only connections when this returns.
     */
    PrivatePostgres createStandbyOf(PrivatePostgres primary) throws IOException, InterruptedException {
        ownDirectory(null, null);
        run(120, BIN.resolve("pg_basebackup").toString(), "-d", "host=127.0.0.1 port=" + primary.port + " user="
                + SUPERUSER + " password=" + SUPERUSER_PASSWORD, "-D", data.toString(), "-R", "-X", "stream",
                "-c", "fast", "--no-sync");
        // the copied postgresql.conf names the primary's port: the later line wins
        Files.writeString(data.resolve("postgresql.conf"), "\n# --- standby (PrivatePostgres) ---\nport = " + port
                + "\nhot_standby = on\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Runtime.getRuntime().addShutdownHook(reaper);
        start();
        return this;
    }

    /** The cluster's folder and log (and a file with {@code content}, if named), owned by the postgres OS user as root. */
    private void ownDirectory(Path file, String content) throws IOException {
        Files.createDirectories(dir);
        List<Path> owned = new ArrayList<>(List.of(dir, log));
        if (file != null) {
            Files.writeString(file, content);
            owned.add(file);
        }
        Files.writeString(log, "");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (ROOT) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            for (Path p : owned) {
                Files.setOwner(p, users.lookupPrincipalByName("postgres"));
            }
        }
    }

    /** Starts the server and waits until it accepts connections. */
    void start() throws IOException, InterruptedException {
        run(90, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60", "start");
    }

    /** {@code pg_ctl stop -m immediate}: the server quits without a checkpoint, as after a crash; recovery on the next start. */
    void stopImmediately() throws IOException, InterruptedException {
        run(60, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    /** The role (LOGIN, with its password) and a database it owns, with PostGIS, as {@code ./hub} creates them. */
    void createDatabase(String database, String owner, String password) throws SQLException {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE \"" + owner + "\" LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            s.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + owner + "\"");
        }
        try (Connection c = superuser(database); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            s.execute("GRANT ALL ON SCHEMA public TO \"" + owner + "\"");
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, SUPERUSER_PASSWORD);
    }

    Path log() {
        return log;
    }

    /** Stops the server if it runs (immediately: the test's data is thrown away anyway). */
    @Override
    public void close() {
        stopImmediatelyQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException | IllegalArgumentException notRegisteredOrShuttingDown) {
            // nothing to remove
        }
    }

    private void stopImmediatelyQuietly() {
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        try {
            stopImmediately();
        } catch (IOException | RuntimeException e) {
            System.err.println("PrivatePostgres: could not stop the cluster in " + data + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a PostgreSQL program (as the postgres OS user when the test runs as root); fails with its output. */
    private void run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        Path output = dir.resolve("commands.out");
        long before = Files.exists(output) ? Files.size(output) : 0;
        Process p = new ProcessBuilder(full).directory(Path.of("/").toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            byte[] all = Files.readAllBytes(output);
            throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                    + new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8)
                    + "\nserver log: " + log);
        }
    }
}

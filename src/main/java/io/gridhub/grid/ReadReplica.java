package io.gridhub.grid;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The streaming replica: its own small pool of read-only connections (not a bean: the hub's one
 * {@code DataSource} and transaction manager stay the primary's), and a probe that bounds how stale
 * it is.
 *
 * <p>How stale: every {@code probe-interval} the probe reads the primary's flushed WAL position
 * ({@code pg_current_wal_flush_lsn()}), remembering the time it asked, then the replica's replayed
 * position ({@code pg_last_wal_replay_lsn()}). A transaction committed on the primary before a
 * sample was taken is at or below that sample's position; so once the replica has replayed a
 * sample's position, it holds every commit made before the sample's time. {@link #caughtUpAt} is the
 * time of the newest such sample, and the replica is at most {@code now - caughtUpAt} behind. Unlike
 * {@code now() - pg_last_xact_replay_timestamp()}, this does not call an idle primary's replica stale,
 * and it does call stale a replica whose WAL receiver lost the primary, whose replay is paused, or
 * that is down.
 */
final class ReadReplica implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);
    /** Primary samples kept while the replica has not replayed them (at one a second: 10 minutes). */
    private static final int MAX_SAMPLES = 600;

    /** What the last probe found. */
    enum State { STARTING, CURRENT, LAGGING, UNREACHABLE, NOT_A_STANDBY }

    /** The last probe: its state, the problem if any, and when the replica was last known to be caught up. */
    record Probe(State state, String problem, long caughtUpAt, boolean everCaughtUp) {}

    private final HikariDataSource pool;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate readOnly;
    private final JdbcTemplate probeReplica;
    private final JdbcTemplate probePrimary;
    private final long maxLagNanos;
    private final ScheduledExecutorService probeThread;
    /** (nanoTime asked, primary flush LSN) not yet replayed by the replica; probe thread only. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private volatile Probe probe;
    /** nanoTime after the last write of this hub that reads must see at once (a capacity promise, a feed run). */
    private volatile long fenceAt;
    final AtomicLong readsOnReplica = new AtomicLong();
    final AtomicLong readsOnPrimary = new AtomicLong();
    final AtomicLong retriedOnPrimary = new AtomicLong();

    ReadReplica(ReadReplicaProperties properties, JdbcTemplate primary) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("gridhub-replica");
        c.setJdbcUrl(properties.url());
        c.setUsername(properties.username());
        c.setPassword(properties.password());
        c.setMaximumPoolSize(properties.poolSize());
        c.setMinimumIdle(1);
        c.setReadOnly(true);
        // a replica that is down must cost a read little: it then goes to the primary
        c.setConnectionTimeout(2_000);
        c.setValidationTimeout(1_000);
        // the hub starts (and serves from the primary) while the replica is down
        c.setInitializationFailTimeout(-1);
        c.addDataSourceProperty("ApplicationName", "gridhub-replica");
        c.addDataSourceProperty("connectTimeout", "2");
        this.pool = new HikariDataSource(c);
        this.jdbc = new JdbcTemplate(pool);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        DataSourceTransactionManager tx = new DataSourceTransactionManager(pool);
        this.readOnly = new TransactionTemplate(tx);
        readOnly.setReadOnly(true);
        readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.probeReplica = new JdbcTemplate(pool);
        probeReplica.setQueryTimeout(2);
        this.probePrimary = new JdbcTemplate(primary.getDataSource());
        probePrimary.setQueryTimeout(2);
        this.maxLagNanos = properties.maxLag().toNanos();
        long now = System.nanoTime();
        // nothing is read from the replica before it has replayed what the primary had when the hub started
        this.fenceAt = now;
        this.probe = new Probe(State.STARTING, "not probed yet", now, false);
        this.probeThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "read-replica-probe");
            t.setDaemon(true);
            return t;
        });
        long every = properties.probeInterval().toMillis();
        probeThread.scheduleWithFixedDelay(this::probeQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    NamedParameterJdbcTemplate named() {
        return named;
    }

    TransactionTemplate readOnly() {
        return readOnly;
    }

    /** Whether a read starting now may go to the replica: reachable, within the bound, past the last fence. */
    boolean usable() {
        Probe p = probe;
        if (!p.everCaughtUp() || p.state() == State.UNREACHABLE || p.state() == State.NOT_A_STANDBY) {
            return false;
        }
        return p.caughtUpAt() - fenceAt >= 0 && System.nanoTime() - p.caughtUpAt() <= maxLagNanos;
    }

    /** Reads from now on go to the primary until the replica has replayed what the primary holds now. */
    void fence() {
        fenceAt = System.nanoTime();
    }

    /** A read on the replica failed: a broken connection makes the replica unreachable until the next probe. */
    void readFailed(RuntimeException e) {
        retriedOnPrimary.incrementAndGet();
        if (connectionProblem(e)) {
            Probe p = probe;
            probe = new Probe(State.UNREACHABLE, String.valueOf(e.getMessage()), p.caughtUpAt(), p.everCaughtUp());
        }
        log.warn("a read on the replica failed, read again on the primary: {}", e.getMessage());
    }

    /** The probe's view for health: its state, the bound and the current staleness. */
    Map<String, Object> details() {
        Probe p = probe;
        State state = p.state();
        if (state == State.CURRENT && System.nanoTime() - p.caughtUpAt() > maxLagNanos) {
            state = State.LAGGING; // the probe itself is late
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("state", state.name());
        if (p.everCaughtUp()) {
            out.put("lagMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - p.caughtUpAt()));
        }
        out.put("maxLagMs", TimeUnit.NANOSECONDS.toMillis(maxLagNanos));
        out.put("readsOnReplica", readsOnReplica.get());
        out.put("readsOnPrimary", readsOnPrimary.get());
        out.put("retriedOnPrimary", retriedOnPrimary.get());
        if (p.problem() != null) {
            out.put("problem", p.problem());
        }
        return out;
    }

    private void probeQuietly() {
        try {
            probeOnce();
        } catch (RuntimeException e) {
            log.warn("read replica probe failed: {}", e.toString());
        }
    }

    private void probeOnce() {
        long asked = System.nanoTime();
        try {
            String lsn = probePrimary.queryForObject("SELECT pg_current_wal_flush_lsn()::text", String.class);
            samples.addLast(new long[] {asked, lsn(lsn)});
            while (samples.size() > MAX_SAMPLES) {
                samples.pollFirst();
            }
        } catch (DataAccessException primaryDown) {
            // no new sample: the replica's staleness grows, so reads soon go to the primary (which says why it fails)
        }
        Probe before = probe;
        Probe next;
        try {
            Map<String, Object> r = probeReplica.queryForMap(
                    "SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed");
            if (!Boolean.TRUE.equals(r.get("standby")) || r.get("replayed") == null) {
                next = new Probe(State.NOT_A_STANDBY, "the replica is not in recovery (promoted?): not used",
                        before.caughtUpAt(), before.everCaughtUp());
            } else {
                long replayed = lsn((String) r.get("replayed"));
                long caughtUpAt = before.caughtUpAt();
                boolean ever = before.everCaughtUp();
                while (!samples.isEmpty() && samples.peekFirst()[1] <= replayed) {
                    caughtUpAt = samples.pollFirst()[0];
                    ever = true;
                }
                boolean within = ever && System.nanoTime() - caughtUpAt <= maxLagNanos;
                next = new Probe(within ? State.CURRENT : State.LAGGING,
                        within ? null : "replayed " + r.get("replayed") + ", behind the primary by more than the bound",
                        caughtUpAt, ever);
            }
        } catch (DataAccessException e) {
            next = new Probe(State.UNREACHABLE, String.valueOf(e.getMostSpecificCause().getMessage()),
                    before.caughtUpAt(), before.everCaughtUp());
        }
        probe = next;
        if (next.state() != before.state()) {
            if (next.state() == State.CURRENT) {
                log.info("read replica {}: siting and tile reads go to it", next.state());
            } else {
                log.warn("read replica {}: reads go to the primary ({})", next.state(), next.problem());
            }
        }
    }

    /** A PostgreSQL LSN ({@code 16/B374D848}) as one number. */
    static long lsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    /** Connection lost, server shutting down or not accepting connections, or no connection in time. */
    private static boolean connectionProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        probeThread.shutdownNow();
        pool.close();
    }
}

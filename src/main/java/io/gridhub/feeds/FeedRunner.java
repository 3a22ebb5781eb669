package io.gridhub.feeds;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.feeds.mapping.AssetMapper;
import io.gridhub.feeds.mapping.LoadMapper;
import io.gridhub.feeds.source.FeatureSource;
import io.gridhub.feeds.source.SourceException;
import io.gridhub.feeds.source.file.FileDropSource;
import io.gridhub.feeds.source.http.ArcGisQuerySource;
import io.gridhub.feeds.source.http.OgcApiFeaturesSource;
import io.gridhub.feeds.source.http.WfsSource;
import io.gridhub.feeds.source.mis.MisJdbcSource;
import io.gridhub.feeds.sync.MergeResult;
import io.gridhub.feeds.sync.RetireGuard;
import io.gridhub.feeds.sync.RunSink;
import io.gridhub.feeds.sync.Staging;
import io.gridhub.feeds.sync.StoreSync;
import io.gridhub.feeds.validation.RecordValidator;
import io.gridhub.geo.ServiceArea;
import io.gridhub.grid.AssetType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Executes one recorded run of a feed, start to finish, on a connection of its own:
 *
 * <ol>
 * <li>takes the feed's PostgreSQL advisory lock (session level), so runs of one feed never overlap,
 *     whichever hub instance starts them; a run left RUNNING by a stopped hub is marked failed;</li>
 * <li>streams the source through mapping and validation into temporary staging tables (COPY),
 *     quarantining bad records as it goes;</li>
 * <li>merges in one transaction that also stores the watermark and the run's final counts;</li>
 * <li>after the commit, announces the change.</li>
 * </ol>
 *
 * Any failure before the commit rolls back: the grid store is as it was, and the run can simply be
 * started again.
 */
@Component
public class FeedRunner {

    private static final Logger log = LoggerFactory.getLogger(FeedRunner.class);

    private final DataSource dataSource;
    private final FeedCatalog catalog;
    private final FeedPolicy policy;
    private final FeedRunRepository runs;
    private final GridChangeAnnouncer announcer;
    private final ServiceArea serviceArea;
    private final List<OtherStoreFeedRunner> otherStores;

    FeedRunner(DataSource dataSource, FeedCatalog catalog, FeedPolicy policy, FeedRunRepository runs,
               GridChangeAnnouncer announcer, ServiceArea serviceArea, List<OtherStoreFeedRunner> otherStores) {
        this.dataSource = dataSource;
        this.otherStores = List.copyOf(otherStores);
        this.serviceArea = serviceArea;
        this.catalog = catalog;
        this.policy = policy;
        this.runs = runs;
        this.announcer = announcer;
    }

    /**
     * A run request: the run already recorded, and for file runs the files to read.
     *
     * @param forcedBy the GIS analyst who forced the run past the retire guard, or null
     */
    public record Request(UUID runId, String feedId, List<Path> files, boolean waitForLock, String forcedBy) {

        public Request(UUID runId, String feedId, List<Path> files, boolean waitForLock) {
            this(runId, feedId, files, waitForLock, null);
        }
    }

    /**
     * Executes a run; returns its final record. Never throws for a failed run: the failure is on
     * record (status FAILED, error).
     */
    public FeedRun run(Request request) {
        UUID runId = request.runId();
        String feedId = request.feedId();
        FeedDefinition feed = catalog.find(feedId).orElseThrow(() -> new IllegalArgumentException("unknown feed " + feedId));
        for (OtherStoreFeedRunner other : otherStores) {
            if (other.runs(feed.kind())) {
                return other.run(request, feed);
            }
        }
        RunSink sink = null;
        MergeResult committed = null;
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c, feedId, request.waitForLock())) {
                runs.failed(runId, "another run of feed " + feedId + " is in progress", 0, 0);
                return runs.find(runId).orElseThrow();
            }
            runs.failInterrupted(feedId, runId);
            FeedMode mode = modeOf(feed, request.files());
            RetireGuard guard = new RetireGuard(feed.maxRetireShare() != null ? feed.maxRetireShare()
                    : policy.maxRetireShare(), request.forcedBy());
            // one transaction from the first record to the commit: records may go straight into
            // the store (a feed's first load), and readers must not see them before the merge ends
            c.setAutoCommit(false);
            try (Staging staging = new Staging(c, feedId, mode == FeedMode.FULL)) {
                sink = sink(runId, feedId, feed, staging);
                try {
                    long t0 = System.nanoTime();
                    String watermark = read(feedId, feed, request.files(), sink);
                    staging.finish();
                    if (mode == FeedMode.FULL && sink.read() == 0 && !guard.forced()) {
                        throw new RetireGuard.Refused("the full snapshot holds no records (an empty layer, a renamed"
                                + " table or a filter gone wrong?); nothing was applied. If the feed is really empty,"
                                + " a GIS analyst can force the run (POST /api/feeds/{feedId}/runs?force=true)");
                    }
                    long t1 = System.nanoTime();
                    sink.at("merging");
                    sink.flush();
                    MergeResult result = StoreSync.merge(c, feedId, runId, staging, mode,
                            snapshotTypes(feed, mode, staging), sink.quarantinedIds(), guard, policy.maxDuplicatesListed());
                    if (watermark != null) {
                        FeedRunRepository.storeWatermark(c, feedId, watermark);
                    }
                    runs.succeeded(c, runId, sink.read(), sink.quarantined(), result, request.forcedBy());
                    c.commit();
                    committed = result;
                    long t2 = System.nanoTime();
                    log.info("feed {} run {}: read {}, inserted {}, updated {}, unchanged {}, retired {}, quarantined {},"
                                    + " flagged {}; reading {} ms, merge and commit {} ms",
                            feedId, runId, sink.read(), result.inserted(), result.updated(), result.unchanged(),
                            result.retired(), sink.quarantined() + result.quarantined(), result.flagged(),
                            (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
                } catch (Throwable e) {
                    if (committed == null) {
                        staging.close(); // a COPY still open would refuse the rollback
                        c.rollback();
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } finally {
                release(c, feedId);
            }
        } catch (Throwable e) {
            if (committed == null) {
                recordFailure(runId, feedId, sink, e);
            } else {
                // the run committed: what failed afterwards (releasing the lock) changes nothing of it
                log.warn("feed {} run {} committed, then: {}", feedId, runId, message(e));
            }
        }
        if (committed != null) {
            announce(feedId, runId, committed);
        }
        return runs.find(runId).orElseThrow();
    }

    /**
     * Any failure before the commit, an {@link Error} included (an OutOfMemoryError must not leave
     * the run RUNNING and its feed stuck): the run is recorded FAILED with the reason.
     */
    private void recordFailure(UUID runId, String feedId, RunSink sink, Throwable e) {
        String message = message(e);
        if (e instanceof Error) {
            log.error("feed {} run {} failed", feedId, runId, e);
        } else {
            log.warn("feed {} run {} failed: {}", feedId, runId, message);
        }
        long read = 0;
        long quarantined = 0;
        if (sink != null) {
            try {
                sink.flush();
            } catch (RuntimeException ignored) {
                // the failure itself is what matters
            }
            read = sink.read();
            quarantined = sink.quarantined();
        }
        runs.failed(runId, message, read, quarantined);
    }

    /**
     * After the run is on record as final (committed with its counts), outside the run's try: what
     * happens to the announcement can never turn a committed run into a failed one.
     */
    private void announce(String feedId, UUID runId, MergeResult result) {
        try {
            announcer.announce(feedId, runId.toString(), result, Instant.now());
        } catch (RuntimeException e) {
            log.error("feed {} run {} committed, but announcing the grid change failed", feedId, runId, e);
        }
    }

    /**
     * Marks runs of a feed left RUNNING by a hub that stopped as failed, if no live run holds the
     * feed's lock. Returns whether the feed is now free.
     */
    public boolean recoverInterrupted(String feedId) {
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c, feedId, false)) {
                return false;
            }
            try {
                runs.failInterrupted(feedId, new UUID(0, 0));
                return true;
            } finally {
                release(c, feedId);
            }
        } catch (SQLException e) {
            log.warn("cannot check feed {} for interrupted runs: {}", feedId, e.getMessage());
            return false;
        }
    }

    private RunSink sink(UUID runId, String feedId, FeedDefinition feed, Staging staging) {
        SourceCrs crs = SourceCrs.of(feed.effectiveCrs());
        LoadMapper loads = switch (feed.kind()) {
            case MIS_JDBC, MIS_LOAD_FILE -> feed.assetType() == null ? new LoadMapper(feed.mapping()) : null;
            case FILE -> new LoadMapper(LoadMapper.loadKeysOf(feed.mapping()));
            default -> null;
        };
        return new RunSink(runId, feedId, type -> new AssetMapper(type, feed.mapping(), crs), loads,
                new RecordValidator(policy, serviceArea), staging, runs::quarantineBatch,
                (phase, read, quarantined) -> runs.progress(runId, phase, read, quarantined),
                policy.progressEvery(), policy.rawMaxChars());
    }

    private String read(String feedId, FeedDefinition feed, List<Path> files, RunSink sink) {
        if (feed.isFileDrop()) {
            if (files == null || files.isEmpty()) {
                throw new SourceException("no file to read");
            }
            new FileDropSource(policy.files()).read(feed, files, sink);
            return null;
        }
        FeatureSource source = switch (feed.kind()) {
            case WFS -> new WfsSource(policy);
            case OGC_API -> new OgcApiFeaturesSource(policy);
            case ARCGIS -> new ArcGisQuerySource(policy);
            case MIS_JDBC -> new MisJdbcSource(policy.jdbc());
            default -> throw new IllegalStateException("no source for " + feed.kind());
        };
        String watermark = feed.kind() == FeedKind.MIS_JDBC ? runs.watermark(feedId) : null;
        return source.read(feedId, feed, watermark, sink);
    }

    /** A full snapshot retires within the types it carries: the feed's type, or those its files named. */
    private static Set<AssetType> snapshotTypes(FeedDefinition feed, FeedMode mode, Staging staging) {
        if (mode != FeedMode.FULL) {
            return Set.of();
        }
        if (feed.assetType() != null) {
            return EnumSet.of(feed.assetType());
        }
        return staging.stagedAssets().isEmpty() ? Set.of() : EnumSet.copyOf(staging.stagedAssets().keySet());
    }

    /**
     * A dropped change set ({@code *.delta.*}, e.g. {@code pole.delta.geojsonl}) is applied
     * incrementally even on a full-snapshot feed: it carries what changed, not what exists.
     */
    static FeedMode modeOf(FeedDefinition feed, List<Path> files) {
        if (files != null && !files.isEmpty()
                && files.stream().allMatch(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).contains(".delta."))) {
            return FeedMode.INCREMENTAL;
        }
        return feed.effectiveMode();
    }

    private static boolean lock(Connection c, String feedId, boolean wait) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(wait
                ? "SELECT true FROM (SELECT pg_advisory_lock(hashtextextended('gridhub.feed:' || ?, 0))) x"
                : "SELECT pg_try_advisory_lock(hashtextextended('gridhub.feed:' || ?, 0))")) {
            ps.setString(1, feedId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Unlocks and drops the staging tables: the connection goes back to the pool clean. */
    private static void release(Connection c, String feedId) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(hashtextextended('gridhub.feed:' || ?, 0))")) {
                ps.setString(1, feedId);
                ps.execute();
            }
            try (Statement s = c.createStatement()) {
                s.execute("DISCARD TEMP");
            }
        } catch (SQLException e) {
            // a broken connection: closing it ends the session, which drops lock and tables too
            log.warn("releasing feed {}: {}", feedId, e.getMessage());
            try {
                c.abort(Runnable::run);
            } catch (SQLException ignored) {
                // already gone
            }
        }
    }

    private static String message(Throwable e) {
        if (e instanceof Error) {
            return "internal error: " + e; // class and message: OutOfMemoryError, StackOverflowError …
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SQLException && !(e instanceof java.sql.SQLTransientException)) {
            m = "database: " + m;
        }
        return io.gridhub.feeds.source.Redaction.message(m); // a driver may quote a URL with its credentials
    }
}

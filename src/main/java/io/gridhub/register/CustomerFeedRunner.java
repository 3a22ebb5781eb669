package io.gridhub.register;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedKind;
import io.gridhub.feeds.FeedMode;
import io.gridhub.feeds.FeedPolicy;
import io.gridhub.feeds.FeedRun;
import io.gridhub.feeds.FeedRunRepository;
import io.gridhub.feeds.FeedRunner;
import io.gridhub.feeds.OtherStoreFeedRunner;
import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.feeds.source.SourceException;
import io.gridhub.feeds.source.SourceRecord;
import io.gridhub.feeds.source.file.DelimitedRecords;
import io.gridhub.feeds.source.file.XlsxRecords;
import io.gridhub.feeds.source.mis.MisJdbcSource;
import io.gridhub.geo.ServiceArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs customer register feeds ({@code mis-customer-jdbc}, {@code mis-customer-file}) the way the
 * grid feeds run: the feed's advisory lock (runs of one feed never overlap, on any instance), one
 * transaction from the first record to the commit, records streamed through mapping and validation
 * into a COPY staging table, the quarantine kept on a connection of its own, the watermark stored
 * with the merge, and the run's counts in {@code feeds.feed_run}. A failure anywhere applies nothing.
 */
@Component
class CustomerFeedRunner implements OtherStoreFeedRunner {

    private static final Logger log = LoggerFactory.getLogger(CustomerFeedRunner.class);

    private final DataSource dataSource;
    private final FeedRunRepository runs;
    private final FeedPolicy policy;
    private final ServiceArea serviceArea;
    private final RegisterProperties properties;

    CustomerFeedRunner(DataSource dataSource, FeedRunRepository runs, FeedPolicy policy, ServiceArea serviceArea,
                       RegisterProperties properties) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.policy = policy;
        this.serviceArea = serviceArea;
        this.properties = properties;
    }

    @Override
    public boolean runs(FeedKind kind) {
        return kind == FeedKind.MIS_CUSTOMER_JDBC || kind == FeedKind.MIS_CUSTOMER_FILE;
    }

    @Override
    public FeedRun run(FeedRunner.Request request, FeedDefinition feed) {
        UUID runId = request.runId();
        String feedId = request.feedId();
        CustomerRecordSink sink = null;
        try (Connection c = dataSource.getConnection()) {
            if (!FeedLock.lock(c, feedId, request.waitForLock())) {
                runs.failed(runId, "another run of feed " + feedId + " is in progress", 0, 0);
                return runs.find(runId).orElseThrow();
            }
            try {
                runs.failInterrupted(feedId, runId);
                c.setAutoCommit(false);
                try (CustomerStaging staging = new CustomerStaging(c)) {
                    CustomerMapper mapper = new CustomerMapper(feed.mapping(), SourceCrs.of(feed.effectiveCrs()),
                            serviceArea, properties.maxContractedKva());
                    sink = new CustomerRecordSink(runId, feedId, mapper, staging, runs, policy.progressEvery(),
                            policy.rawMaxChars());
                    try {
                        long t0 = System.nanoTime();
                        String watermark = read(feedId, feed, request.files(), sink);
                        staging.finish();
                        sink.at("merging");
                        sink.flush();
                        boolean full = feed.kind() == FeedKind.MIS_CUSTOMER_FILE ? modeOf(feed, request.files()) == FeedMode.FULL
                                : feed.effectiveMode() == FeedMode.FULL;
                        CustomerMerge.Result r = CustomerMerge.merge(c, feedId, staging, full,
                                feed.maxRetireShare() != null ? feed.maxRetireShare() : properties.maxRetireShare(),
                                request.forcedBy());
                        if (watermark != null) {
                            FeedRunRepository.storeWatermark(c, feedId, watermark);
                        }
                        succeeded(c, runId, sink.read(), sink.quarantined(), r);
                        c.commit();
                        log.info("customer feed {} run {}: read {}, inserted {}, updated {}, unchanged {}, retired {},"
                                        + " quarantined {} in {} ms", feedId, runId, sink.read(), r.inserted(), r.updated(),
                                r.unchanged(), r.retired(), sink.quarantined(), (System.nanoTime() - t0) / 1_000_000);
                    } catch (SQLException | RuntimeException e) {
                        staging.close();
                        c.rollback();
                        throw e;
                    }
                }
            } finally {
                FeedLock.release(c, feedId);
            }
        } catch (SQLException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("customer feed {} run {} failed: {}", feedId, runId, message);
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
            runs.failed(runId, (e instanceof SQLException ? "database: " : "") + message, read, quarantined);
        }
        return runs.find(runId).orElseThrow();
    }

    private String read(String feedId, FeedDefinition feed, List<Path> files, CustomerRecordSink sink) {
        if (feed.kind() == FeedKind.MIS_CUSTOMER_JDBC) {
            return new MisJdbcSource(policy.jdbc()).read(feedId, feed, runs.watermark(feedId), sink);
        }
        if (files == null || files.isEmpty()) {
            throw new SourceException("no file to read");
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            sink.at("reading " + name);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                if (lower.endsWith(".csv")) {
                    new DelimitedRecords().read(in, new DelimitedRecords.Handler() {
                        @Override
                        public void record(SourceRecord r) {
                            sink.load(r);
                        }

                        @Override
                        public void unreadable(String raw, String reason) {
                            sink.unreadable(null, raw, reason);
                        }
                    });
                } else if (lower.endsWith(".xlsx")) {
                    new XlsxRecords(policy.files()).read(in, sink::load);
                } else {
                    throw new SourceException("customer register exports are CSV or XLSX");
                }
            } catch (IOException | SourceException e) {
                throw new SourceException(name + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    /** A dropped change set ({@code *.delta.csv}) carries what changed, not what exists: it never retires. */
    private static FeedMode modeOf(FeedDefinition feed, List<Path> files) {
        if (files != null && !files.isEmpty() && files.stream()
                .allMatch(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).contains(".delta."))) {
            return FeedMode.INCREMENTAL;
        }
        return feed.effectiveMode();
    }

    private static void succeeded(Connection c, UUID runId, long read, long quarantined, CustomerMerge.Result r)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE feeds.feed_run SET status = 'SUCCEEDED', phase = 'done', finished_at = clock_timestamp(),
                    read = ?, inserted = ?, updated = ?, unchanged = ?, retired = ?, quarantined = ?, flagged = 0
                WHERE id = ?
                """)) {
            ps.setLong(1, read);
            ps.setLong(2, r.inserted());
            ps.setLong(3, r.updated());
            ps.setLong(4, r.unchanged());
            ps.setLong(5, r.retired());
            ps.setLong(6, quarantined);
            ps.setObject(7, runId);
            ps.executeUpdate();
        }
    }

    /** The feed's advisory lock, the same key as the grid feeds' runs take. */
    static final class FeedLock {
        private FeedLock() {
        }

        static boolean lock(Connection c, String feedId, boolean wait) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(wait
                    ? "SELECT true FROM (SELECT pg_advisory_lock(hashtextextended('gridhub.feed:' || ?, 0))) x"
                    : "SELECT pg_try_advisory_lock(hashtextextended('gridhub.feed:' || ?, 0))")) {
                ps.setString(1, feedId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        }

        static void release(Connection c, String feedId) {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(hashtextextended('gridhub.feed:' || ?, 0))")) {
                    ps.setString(1, feedId);
                    ps.execute();
                }
            } catch (SQLException e) {
                log.warn("releasing feed {}: {}", feedId, e.getMessage());
                try {
                    c.abort(Runnable::run);
                } catch (SQLException ignored) {
                    // already gone
                }
            }
        }
    }
}

package io.gridhub.feeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/** Test helpers: drop a file into a feed's inbox and wait for its run; wait for a run to finish. */
final class FeedRuns {

    private FeedRuns() {
    }

    static Path inbox(String feedId) {
        return Path.of("target", "feeds-test", feedId, "inbox").toAbsolutePath();
    }

    /** Drops a file (written aside, then moved in atomically) and returns the run that read it. */
    static FeedRun drop(JdbcTemplate jdbc, FeedRunRepository runs, String feedId, String name, byte[] content)
            throws IOException, InterruptedException {
        Path inbox = inbox(feedId);
        Files.createDirectories(inbox);
        Files.deleteIfExists(inbox.resolveSibling("done").resolve(name));
        Files.deleteIfExists(inbox.resolveSibling("error").resolve(name));
        Files.deleteIfExists(inbox.resolveSibling("error").resolve(name + ".reason.txt"));
        Instant before = Instant.now().minusMillis(5);
        Path tmp = inbox.resolveSibling(name + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        // finished, and the file has moved on too (done/ or error/) once the route finished with it
        UUID id = Awaitility.await("a finished run of " + feedId + " for " + name).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.query("SELECT id FROM feeds.feed_run WHERE feed_id = ? AND source = ? AND started_at >= ?"
                                + " AND status <> 'RUNNING' ORDER BY started_at DESC LIMIT 1",
                        rs -> rs.next() ? rs.getObject(1, UUID.class) : null, feedId, name, java.sql.Timestamp.from(before)),
                        runId -> runId != null && !Files.exists(inbox.resolve(name)));
        return runs.find(id).orElseThrow();
    }

    static FeedRun drop(JdbcTemplate jdbc, FeedRunRepository runs, String feedId, String name, String content)
            throws IOException, InterruptedException {
        return drop(jdbc, runs, feedId, name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static FeedRun await(FeedRunRepository runs, UUID id) throws InterruptedException {
        return Awaitility.await("run " + id + " finished").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> runs.find(id).orElseThrow(), r -> !FeedRun.RUNNING.equals(r.status()));
    }
}

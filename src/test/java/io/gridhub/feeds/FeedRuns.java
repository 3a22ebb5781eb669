package io.gridhub.feeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.fail;

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
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            UUID id = jdbc.query("SELECT id FROM feeds.feed_run WHERE feed_id = ? AND source = ? AND started_at >= ?"
                            + " AND status <> 'RUNNING' ORDER BY started_at DESC LIMIT 1",
                    rs -> rs.next() ? rs.getObject(1, UUID.class) : null, feedId, name, java.sql.Timestamp.from(before));
            // the file has moved on too (done/ or error/) once the route finished with it
            if (id != null && !Files.exists(inbox.resolve(name))) {
                return runs.find(id).orElseThrow();
            }
            Thread.sleep(100);
        }
        return fail("no finished run of " + feedId + " for " + name);
    }

    static FeedRun drop(JdbcTemplate jdbc, FeedRunRepository runs, String feedId, String name, String content)
            throws IOException, InterruptedException {
        return drop(jdbc, runs, feedId, name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static FeedRun await(FeedRunRepository runs, UUID id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            FeedRun r = runs.find(id).orElseThrow();
            if (!FeedRun.RUNNING.equals(r.status())) {
                return r;
            }
            Thread.sleep(100);
        }
        return fail("run " + id + " did not finish");
    }
}

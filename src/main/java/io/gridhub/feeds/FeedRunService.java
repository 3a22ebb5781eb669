package io.gridhub.feeds;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.gridhub.feeds.source.Redaction;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;

/**
 * Starts runs: manual ones asynchronously through the {@code feed-runs} route (the caller gets
 * the run id at once), scheduled and file-triggered ones synchronously in the caller's thread
 * (the Quartz job, the file consumer), so that the trigger spans the run.
 */
@Service
public class FeedRunService {

    private final FeedCatalog catalog;
    private final FeedRunRepository runs;
    private final FeedRunner runner;
    private final ProducerTemplate camel;

    FeedRunService(FeedCatalog catalog, FeedRunRepository runs, FeedRunner runner, ProducerTemplate camel) {
        this.catalog = catalog;
        this.runs = runs;
        this.runner = runner;
        this.camel = camel;
    }

    /** Records a manual run and hands it to the run route; returns its id. */
    public UUID startManual(String feedId) {
        return startManual(feedId, null);
    }

    /**
     * Records a manual run, forced past the retire guard by {@code forcedBy} when not null, and
     * hands it to the run route; returns its id.
     */
    public UUID startManual(String feedId, String forcedBy) {
        FeedDefinition feed = catalog.find(feedId).orElseThrow(() -> new UnknownFeedException(feedId));
        if (feed.isFileDrop()) {
            throw new FeedBusyException("feed " + feedId + " runs when a file arrives in its inbox ("
                    + FeedInboxes.inbox(feedId, feed, null) + "); drop the file there");
        }
        if (runs.running(feedId) && !runner.recoverInterrupted(feedId)) {
            throw new FeedBusyException("a run of feed " + feedId + " is in progress");
        }
        UUID id = runs.create(feedId, RunTrigger.MANUAL, Redaction.url(feed.url()));
        // waits for the feed's lock rather than failing: the run just before may still be releasing it
        camel.sendBody("seda:feed-runs", new FeedRunner.Request(id, feedId, null, true, forcedBy));
        return id;
    }

    /**
     * A scheduled run, executed now in this thread; skipped (and recorded as failed) if one is in progress.
     *
     * @param scheduledFor the scheduled fire time of the Quartz firing (epoch ms), recorded with the run; null if unknown
     */
    public FeedRun runScheduled(String feedId, Long scheduledFor) {
        FeedDefinition feed = catalog.find(feedId).orElseThrow(() -> new UnknownFeedException(feedId));
        UUID id = runs.create(feedId, RunTrigger.SCHEDULE, Redaction.url(feed.url()),
                scheduledFor == null ? null : java.time.Instant.ofEpochMilli(scheduledFor));
        return runner.run(new FeedRunner.Request(id, feedId, null, false));
    }

    /** A run over files (one dropped file, or a folder's files), executed now; waits for a run in progress. */
    public FeedRun runFiles(String feedId, List<Path> files) {
        catalog.find(feedId).orElseThrow(() -> new UnknownFeedException(feedId));
        String source = files.size() == 1 ? files.get(0).getFileName().toString()
                : files.size() + " files in " + files.get(0).getParent();
        UUID id = runs.create(feedId, RunTrigger.FILE, source);
        return runner.run(new FeedRunner.Request(id, feedId, files, true));
    }

    /** At start-up: runs a stopped hub left RUNNING are failed, so the feeds can run again. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void recoverInterruptedRuns() {
        catalog.all().keySet().stream().filter(runs::running).forEach(runner::recoverInterrupted);
    }

    /** The run route's step. */
    public FeedRun execute(FeedRunner.Request request) {
        return runner.run(request);
    }
}

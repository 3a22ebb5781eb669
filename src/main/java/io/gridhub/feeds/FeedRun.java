package io.gridhub.feeds;

import java.time.Instant;
import java.util.UUID;

/**
 * One run of a feed as recorded (feeds.feed_run): its counts are final once it is no longer
 * RUNNING; while it runs, {@code read} and {@code phase} show its progress.
 *
 * @param id run id
 * @param feedId the feed
 * @param trigger what started it
 * @param source what it read (file name, URL)
 * @param startedAt start
 * @param finishedAt end, or null while running
 * @param status RUNNING, SUCCEEDED or FAILED
 * @param phase what it is doing now
 * @param read records read
 * @param inserted records new to the store
 * @param updated records whose content changed
 * @param unchanged records identical to the store (not rewritten)
 * @param retired assets a full snapshot no longer held
 * @param quarantined records refused, with reasons
 * @param flagged records loaded with an unresolved reference
 * @param error why it failed
 * @param extent minLon, minLat, maxLon, maxLat of the changes, or null
 * @param forcedBy the GIS analyst who forced the run past the retire guard, or null
 * @param crossFeedDuplicates records whose asset (type, source id) another feed holds in service: kept as
 *                            DUPLICATE, listed in the quarantine as FLAGGED "also published by feed X"
 */
public record FeedRun(UUID id, String feedId, RunTrigger trigger, String source, Instant startedAt,
                      Instant finishedAt, String status, String phase, long read, long inserted, long updated,
                      long unchanged, long retired, long quarantined, long flagged, String error, double[] extent,
                      String forcedBy, long crossFeedDuplicates) {

    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
}

package io.gridhub.feeds;

/**
 * Runs the feeds of a kind whose records do not go into the grid store (the customer register of
 * {@code io.gridhub.register}, say). The capability that owns the kind registers one as a bean;
 * {@link FeedRunner} hands it every run of that kind, so triggers (API, schedule, file drop), run
 * history and quarantine stay the feeds' own.
 */
public interface OtherStoreFeedRunner {

    /** Whether this runner takes the runs of feeds of this kind. */
    boolean runs(FeedKind kind);

    /**
     * Executes a recorded run, as {@link FeedRunner#run} does: never throws for a failed run, whose
     * failure is on record instead; returns the final run record.
     */
    FeedRun run(FeedRunner.Request request, FeedDefinition feed);
}

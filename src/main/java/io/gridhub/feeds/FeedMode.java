package io.gridhub.feeds;

/** Whether a run carries the whole source or only what changed. */
public enum FeedMode {
    /** A full snapshot: assets of the feed missing from it are retired. */
    FULL,
    /** Changes only: nothing is retired. */
    INCREMENTAL
}

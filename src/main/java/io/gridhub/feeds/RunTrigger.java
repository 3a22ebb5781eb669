package io.gridhub.feeds;

/** What started a run. */
public enum RunTrigger {
    /** The feed's cron schedule. */
    SCHEDULE,
    /** A user, through the API. */
    MANUAL,
    /** A file arrived in the feed's inbox. */
    FILE
}

package io.gridhub.feeds;

import java.nio.file.Path;

/**
 * Folders of a file feed: {@code inbox} (watched), and beside it {@code done} and {@code error}
 * (with a {@code .reason.txt} next to each rejected file).
 */
public final class FeedInboxes {

    private FeedInboxes() {
    }

    /** The feed's inbox: configured, or {@code <data-dir>/<feed-id>/inbox}. */
    public static Path inbox(String feedId, FeedDefinition feed, FeedPolicy policy) {
        if (feed.inbox() != null) {
            return feed.inbox().toAbsolutePath().normalize();
        }
        Path base = policy == null || policy.dataDir() == null ? Path.of(".hub", "feeds") : policy.dataDir();
        return base.resolve(feedId).resolve("inbox").toAbsolutePath().normalize();
    }

    public static Path done(Path inbox) {
        return inbox.resolveSibling("done");
    }

    public static Path error(Path inbox) {
        return inbox.resolveSibling("error");
    }
}

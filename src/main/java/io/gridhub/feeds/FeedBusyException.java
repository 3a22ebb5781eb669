package io.gridhub.feeds;

/** A run cannot start now: one is in progress, or the feed does not run on request. */
public class FeedBusyException extends RuntimeException {

    public FeedBusyException(String message) {
        super(message);
    }
}

package io.gridhub.feeds;

/** No feed is configured under this id. */
public class UnknownFeedException extends RuntimeException {

    public UnknownFeedException(String feedId) {
        super("no feed '" + feedId + "' is configured (hub.feeds." + feedId + ")");
    }
}

package io.gridhub.feeds.source;

/** A source failed as a whole: the run fails with this message and nothing is applied. */
public class SourceException extends RuntimeException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}

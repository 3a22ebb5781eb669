package io.gridhub.api;

import java.time.Duration;

/**
 * The hub is too busy to take this request now: answered 503 with {@code Retry-After} and a problem
 * document saying what is busy. For work that sheds load on purpose (a bulkhead full), not for
 * failures.
 */
public class BusyException extends RuntimeException {

    private final Duration retryAfter;

    public BusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long the caller should wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

package io.gridhub.messaging.iec61968;

import java.util.List;
import java.util.Objects;

/**
 * The Reply block of a response message.
 *
 * @param result OK, PARTIAL or FAILED
 * @param errors what went wrong or deserves a warning
 */
public record Reply(Result result, List<Error> errors) {

    public Reply {
        Objects.requireNonNull(result, "result");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Reply ok() {
        return new Reply(Result.OK, List.of());
    }

    public static Reply failed(String code, String details) {
        return new Reply(Result.FAILED, List.of(new Error(code, Level.FATAL, details)));
    }

    /** Outcome of a request. */
    public enum Result { OK, PARTIAL, FAILED }

    /** Severity of an error. */
    public enum Level { INFORM, WARNING, FATAL, CATASTROPHIC }

    /**
     * One error of a reply.
     *
     * @param code a machine-readable code, e.g. {@code INVALID_REQUEST}
     * @param level severity
     * @param details a human-readable explanation naming the offending field
     */
    public record Error(String code, Level level, String details) {}
}

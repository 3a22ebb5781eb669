package io.gridhub.api;

/**
 * Input that cannot be answered, naming the offending field or parameter: HTTP answers it with 400
 * ({@link ApiErrors}), the JMS interface with a FAILED reply.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

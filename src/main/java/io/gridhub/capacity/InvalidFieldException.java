package io.gridhub.capacity;

/** Input that cannot be answered, naming the offending field (answered with HTTP 400 / a FAILED reply). */
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

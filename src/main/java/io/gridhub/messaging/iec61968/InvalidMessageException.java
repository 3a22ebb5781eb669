package io.gridhub.messaging.iec61968;

/** A message that is not a well-formed IEC 61968-100 envelope; the text says what is wrong. */
public class InvalidMessageException extends RuntimeException {
    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}

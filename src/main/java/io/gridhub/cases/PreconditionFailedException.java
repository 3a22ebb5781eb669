package io.gridhub.cases;

/** An If-Match that names another version than the current one: HTTP 412. */
public class PreconditionFailedException extends RuntimeException {

    private final int currentVersion;

    public PreconditionFailedException(String detail, int currentVersion) {
        super(detail);
        this.currentVersion = currentVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }
}

package io.gridhub.feeds.mapping;

/** A record cannot be mapped or fails validation: it is quarantined with this reason. */
public class RecordRejected extends RuntimeException {

    public RecordRejected(String reason) {
        super(reason, null, false, false);
    }
}

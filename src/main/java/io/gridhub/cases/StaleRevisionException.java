package io.gridhub.cases;

import java.util.Map;

/**
 * A MIS change whose revision is not newer than what the hub has applied: out-of-order messages
 * are resolved by revision, never by arrival, so it changes nothing and the reply says so.
 */
public class StaleRevisionException extends CaseConflictException {

    private final long hubRevision;

    public StaleRevisionException(String caseNo, long revision, long hubRevision) {
        super("stale revision " + revision + " of case " + caseNo + ": the hub has applied revision " + hubRevision,
                Map.of("caseNo", caseNo, "revision", revision, "hubRevision", hubRevision));
        this.hubRevision = hubRevision;
    }

    public long hubRevision() {
        return hubRevision;
    }
}

package io.gridhub.cases.followup;

import io.gridhub.cases.Actor;
import io.gridhub.cases.AuditLog;
import io.gridhub.cases.PayloadXml;
import io.gridhub.messaging.outbox.OutboundMessage;
import io.gridhub.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * Tells the marketing MIS the outcome of a follow-up visit: a {@code closed FollowUpVisit} event
 * appended to the outbox in the recording's transaction, ordered with the case's other events (by
 * case number), MessageID derived from the audit entry. Its own noun rather than a changed
 * ConnectionApplication: the case is archived already and does not change; the visit is a new fact.
 */
@Component
class FollowUpMessages {

    static final String NOUN = "FollowUpVisit";

    private final Outbox outbox;

    FollowUpMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    void append(long auditId, FollowUp f, Actor actor) {
        outbox.append(new OutboundMessage(AuditLog.messageId(auditId, NOUN), null, f.caseNo(), "closed", NOUN,
                actor.correlationId(), payload(f)));
    }

    static String payload(FollowUp f) {
        return new PayloadXml(NOUN)
                .field("caseNo", f.caseNo())
                .field("customerNo", f.customerNo())
                .field("status", f.status())
                .field("satisfaction", f.satisfaction())
                .field("satisfactionLabel", f.satisfactionLabel())
                .field("note", f.note())
                .field("poweredOnAt", f.poweredOnAt())
                .field("dueDate", f.dueDate())
                .field("recordedBy", f.recordedBy())
                .field("recordedAt", f.recordedAt())
                .toXml();
    }
}

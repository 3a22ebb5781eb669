package io.gridhub.cases;

import io.gridhub.messaging.outbox.OutboundMessage;
import io.gridhub.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * Tells the marketing MIS what happened to a case: a {@code ConnectionApplication} event
 * (created / changed / canceled / closed) appended to the outbox in the change's transaction,
 * ordered by case number, with a MessageID derived from the audit entry (stable) and the inbound
 * MessageID that caused it as CorrelationID.
 */
@Component
class CaseMessages {

    static final String NOUN = "ConnectionApplication";

    private final Outbox outbox;

    CaseMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    void append(long auditId, String verb, ConnectionCase c, Actor actor, String note) {
        outbox.append(new OutboundMessage(AuditLog.messageId(auditId, NOUN), null, c.caseNo(), verb, NOUN,
                actor.correlationId(), payload(c, note)));
    }

    static String payload(ConnectionCase c, String note) {
        PayloadXml x = new PayloadXml(NOUN)
                .field("caseNo", c.caseNo())
                .field("revision", c.revision())
                .field("status", c.status())
                .field("stage", c.stage())
                .field("stageLabel", c.stageLabel())
                .field("serviceUnit", c.serviceUnit())
                .field("requestedKva", c.requestedKva())
                .field("lowVoltage", c.lowVoltage());
        StageRecord s = c.currentStage();
        if (s != null) {
            x.start("currentStage").field("stage", s.stage()).field("startedAt", s.startedAt())
                    .field("startedBy", s.startedBy()).field("dueAt", s.dueAt())
                    .field("limitWorkingDays", s.limitWorkingDays()).field("timeFlag", s.timeFlag())
                    .end("currentStage");
        }
        return x.field("note", note).toXml();
    }
}

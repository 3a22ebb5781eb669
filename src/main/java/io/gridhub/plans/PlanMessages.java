package io.gridhub.plans;

import io.gridhub.cases.Actor;
import io.gridhub.cases.AuditLog;
import io.gridhub.cases.PayloadXml;
import io.gridhub.messaging.outbox.OutboundMessage;
import io.gridhub.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * Tells the marketing MIS what happened to a plan: a {@code SupplyPlan} event (created when drafted,
 * changed when edited or confirmed, canceled when withdrawn or expired) appended to the outbox in
 * the change's transaction, ordered by case number, MessageID derived from the audit entry.
 */
@Component
class PlanMessages {

    static final String NOUN = "SupplyPlan";

    private final Outbox outbox;

    PlanMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    void append(long auditId, String verb, SupplyPlan plan, Actor actor, String note) {
        outbox.append(new OutboundMessage(AuditLog.messageId(auditId, NOUN), null, plan.caseNo(), verb, NOUN,
                actor.correlationId(), payload(plan, note)));
    }

    static String payload(SupplyPlan p, String note) {
        PlanContent c = p.content();
        PayloadXml x = new PayloadXml(NOUN)
                .field("planId", p.planId())
                .field("caseNo", p.caseNo())
                .field("status", p.status())
                .field("version", p.version())
                .field("voltageLevel", c.voltageLevel())
                .field("capacityKva", c.capacityKva())
                .field("supplyMode", c.supplyMode())
                .field("validUntil", c.validUntil());
        for (PlanSource s : c.sources()) {
            x.start("source").field("role", s.role()).field("assetId", s.assetId()).field("assetType", s.assetType())
                    .field("feederId", s.feederId()).field("substationId", s.substationId())
                    .field("connectionPoint", s.connectionPoint() == null ? null : s.connectionPoint().name())
                    .field("committedKva", s.committedKva()).end("source");
        }
        return x.field("meteringMethod", c.meteringMethod()).field("incomingLineType", c.incomingLineType())
                .field("propertyBoundaryPoint", c.propertyBoundaryPoint()).field("note", note).toXml();
    }
}

package io.gridhub.messaging.outbox;

import java.util.Objects;

/**
 * One IEC 61968-100 event the hub tells another system (the marketing MIS, the GIS), as a
 * capability hands it to the {@link Outbox}: what happened ({@code verb}, past tense), to what
 * ({@code noun}), its payload, and where it goes.
 *
 * @param messageId the stable id of this message (Header/MessageID); the receiver deduplicates by it,
 *        so a relay that sends it twice after a crash is harmless. Use {@link #newId()} unless the id
 *        must be derived from something that is itself stable.
 * @param address the broker address it goes to, or null for the outbox's default (the MIS events queue)
 * @param orderingKey messages with the same key (a case number) are sent in the order they were appended
 * @param verb IEC 61968-100 verb, past tense: created, changed, canceled, closed…
 * @param noun the kind of object, e.g. {@code SupplyPlan}
 * @param correlationId the MessageID of the inbound message that caused this one, or null
 * @param payloadXml inner XML of the Payload element (its own namespace), or null
 */
public record OutboundMessage(
        String messageId,
        String address,
        String orderingKey,
        String verb,
        String noun,
        String correlationId,
        String payloadXml) {

    public OutboundMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(orderingKey, "orderingKey");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(noun, "noun");
    }

    /** A new random message id. */
    public static String newId() {
        return java.util.UUID.randomUUID().toString();
    }
}

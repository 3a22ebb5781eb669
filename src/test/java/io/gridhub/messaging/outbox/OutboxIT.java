package io.gridhub.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridhub.HubIntegrationTest;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@HubIntegrationTest
class OutboxIT {

    @Autowired Outbox outbox;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aMessageIsStoredWithTheChangeAndNotWithoutIt() {
        String committed = OutboundMessage.newId();
        String rolledBack = OutboundMessage.newId();
        tx.executeWithoutResult(s -> outbox.append(new OutboundMessage(committed, null, "OUTBOX-IT-1", "created",
                "SupplyPlan", "in-42", "<p:Plan xmlns:p=\"urn:test\"><p:id>7</p:id></p:Plan>")));
        tx.executeWithoutResult(s -> {
            outbox.append(new OutboundMessage(rolledBack, null, "OUTBOX-IT-1", "changed", "SupplyPlan", null, null));
            s.setRollbackOnly();
        });

        String body = jdbc.queryForObject("SELECT body FROM messaging.outbox WHERE message_id = ?", String.class, committed);
        MessageEnvelope event = new Iec61968Codec().read(body);
        assertThat(event.kind()).isEqualTo(MessageEnvelope.Kind.EVENT);
        assertThat(event.header().messageId()).isEqualTo(committed);
        assertThat(event.header().correlationId()).isEqualTo("in-42");
        assertThat(event.payloadXml()).contains("<p:id>7</p:id>");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messaging.outbox WHERE message_id = ?", Integer.class,
                rolledBack)).isZero();
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append(new OutboundMessage(OutboundMessage.newId(), null, "OUTBOX-IT-2",
                "created", "SupplyPlan", null, null))).isInstanceOf(IllegalTransactionStateException.class);
    }
}

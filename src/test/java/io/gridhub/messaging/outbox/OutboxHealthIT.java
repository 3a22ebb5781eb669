package io.gridhub.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.gridhub.HubIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A row the broker refuses for good holds back the relay; the {@code outbox} health component says
 * so, naming the row, its address and why, and turns UP again once the row is dealt with.
 */
@HubIntegrationTest
class OutboxHealthIT {

    @Autowired Outbox outbox;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcTemplate jdbc;
    @Autowired OutboxHealth health;

    @Test
    void aRowTheBrokerRefusesTurnsTheOutboxDownWithItsReason() {
        String id = OutboundMessage.newId();
        try {
            tx.executeWithoutResult(s -> outbox.append(new OutboundMessage(id, "gridhub.nowhere", "OUTBOX-HEALTH-1",
                    "created", "SupplyPlan", null, null)));
            // the relay tries, the broker refuses (no such address), the row keeps its error
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT last_error IS NOT NULL FROM messaging.outbox WHERE message_id = ?", Boolean.class, id));
            assertThat(health.health().getStatus()).as("a young unsent row is not yet a problem").isEqualTo(Status.UP);

            jdbc.update("UPDATE messaging.outbox SET created_at = now() - interval '1 hour' WHERE message_id = ?", id);
            Health down = health.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("nextAddress", "gridhub.nowhere")
                    .containsKey("nextRowError").containsKey("oldestUnsentSeconds");
            assertThat(((Number) down.getDetails().get("oldestUnsentSeconds")).longValue()).isGreaterThanOrEqualTo(3600);
        } finally {
            jdbc.update("DELETE FROM messaging.outbox WHERE message_id = ?", id);
        }
        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> health.health().getStatus().equals(Status.UP));
    }
}

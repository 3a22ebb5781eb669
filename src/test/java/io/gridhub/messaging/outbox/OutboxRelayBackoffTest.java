package io.gridhub.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridhub.messaging.BrokerProperties;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relay's back-off holds until it has run out: the route calls {@code succeeded} after every
 * turn, also after a turn skipped because the relay is waiting, and that must not end the wait.
 * The relay here has no database: any turn that is not skipped fails with "No DataSource set".
 */
class OutboxRelayBackoffTest {

    private final OutboxRelay relay = new OutboxRelay(new JdbcTemplate(), null, null,
            BrokerProperties.defaults("127.0.0.1", 0, 1000), 200, 60_000, 60_000, null, new OutboxWakeUp(null));

    @Test
    void aTurnSkippedWhileBackingOffDoesNotEndTheWait() {
        assertThatThrownBy(relay::nextBatch).as("not waiting: the turn reads the outbox")
                .hasMessageContaining("DataSource");
        relay.failed(new IllegalStateException("broker down"));
        for (int turn = 0; turn < 3; turn++) {
            assertThat(relay.nextBatch()).as("skipped while backing off").isEmpty();
            relay.succeeded(); // what the route does after every turn that did not fail
        }
        assertThat(relay.nextBatch()).as("still backing off after the skipped turns").isEmpty();
    }
}

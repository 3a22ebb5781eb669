package io.gridhub.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Wake-ups coalesce until the relay takes one: commits while a wake-up is pending send nothing, and
 * the first commit after the relay started its batch sends a new one.
 */
class OutboxWakeUpTest {

    @Test
    void aCommitWhileAWakeUpIsPendingSendsNoneAndTheFirstAfterTheRelayTookItSendsOne() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            OutboxWakeUp wakeUp = new OutboxWakeUp(
                    new StaticListableBeanFactory(Map.of("template", template)).getBeanProvider(ProducerTemplate.class));
            SedaEndpoint queue = camel.getEndpoint(OutboxWakeUp.ENDPOINT, SedaEndpoint.class);

            wakeUp.wake();
            wakeUp.wake();
            assertThat(queue.getQueue()).hasSize(1);
            queue.getQueue().poll(); // the relay's route took the message but has not started its batch

            wakeUp.wake();
            assertThat(queue.getQueue()).as("still pending: the batch to come reads this commit's rows").isEmpty();

            wakeUp.taken();
            wakeUp.wake();
            wakeUp.wake();
            assertThat(queue.getQueue()).hasSize(1);
        }
    }

    @Test
    void withoutCamelAWakeUpIsNotLeftPending() {
        OutboxWakeUp wakeUp = new OutboxWakeUp(new StaticListableBeanFactory().getBeanProvider(ProducerTemplate.class));
        wakeUp.wake();
        wakeUp.wake(); // no exception, nothing sent; the timer relays
    }
}

package io.gridhub.messaging.outbox;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the {@code outbox-relay} route right after a transaction that appended to the outbox has
 * committed, so an event leaves within milliseconds rather than at the next timer tick. Wake-ups
 * coalesce (the relay's queue holds one); a lost one is caught up by the timer.
 */
@Component
class OutboxWakeUp {

    private static final Logger log = LoggerFactory.getLogger(OutboxWakeUp.class);
    static final String ENDPOINT = "seda:outbox-relay?size=1&discardWhenFull=true";

    private final ObjectProvider<ProducerTemplate> producer;

    OutboxWakeUp(ObjectProvider<ProducerTemplate> producer) {
        this.producer = producer;
    }

    /** Registers the wake-up with the current transaction (once per transaction). */
    void afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(OutboxWakeUp.this);
                if (status == STATUS_COMMITTED) {
                    wake();
                }
            }
        });
    }

    void wake() {
        try {
            ProducerTemplate p = producer.getIfAvailable();
            if (p != null) {
                p.sendBody(ENDPOINT, "wake");
            }
        } catch (RuntimeException e) {
            log.debug("outbox relay not woken (the timer will): {}", e.toString());
        }
    }
}

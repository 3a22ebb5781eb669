package io.gridhub.messaging.outbox;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.Endpoint;
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
 * coalesce: while one is pending (sent, and the relay has not started its next batch) a commit sends
 * none, and the relay's queue holds one; a lost one is caught up by the timer. The producer and the
 * endpoint are looked up once: per commit, the bean lookup, the URI normalisation and a Camel
 * exchange cost a request consumer a few per cent of its CPU.
 */
@Component
class OutboxWakeUp {

    private static final Logger log = LoggerFactory.getLogger(OutboxWakeUp.class);
    static final String ENDPOINT = "seda:outbox-relay?size=1&discardWhenFull=true";

    private final ObjectProvider<ProducerTemplate> producer;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile ProducerTemplate template;
    private volatile Endpoint endpoint;

    OutboxWakeUp(ObjectProvider<ProducerTemplate> producer) {
        this.producer = producer;
    }

    /** The relay starts a batch: what commits from now on needs a new wake-up. */
    void taken() {
        pending.set(false);
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
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            ProducerTemplate p = template;
            Endpoint e = endpoint;
            if (p == null || e == null) {
                p = producer.getIfAvailable();
                if (p == null) {
                    pending.set(false);
                    return;
                }
                e = p.getCamelContext().getEndpoint(ENDPOINT);
                template = p;
                endpoint = e;
            }
            p.sendBody(e, "wake");
        } catch (RuntimeException e) {
            pending.set(false);
            log.debug("outbox relay not woken (the timer will): {}", e.toString());
        }
    }
}

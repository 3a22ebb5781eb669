package io.gridhub.reconciliation;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.gridhub.messaging.outbox.Outbox;
import io.gridhub.messaging.outbox.OutboundMessage;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts reconciliation runs and executes them: one transaction per run compares the register with
 * the grid store (reconcile.sql), writes the report and the findings' new status, records the
 * counts and appends the summary event to the outbox, so the report and its event commit together
 * or not at all. One run at a time across instances (a transaction-level advisory lock).
 */
@Service
public class ReconciliationService {

    /** The summary event's payload namespace. */
    public static final String NAMESPACE = "urn:gridhub:reconciliation:1";
    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);

    private final ReconciliationRepository repository;
    private final ReconciliationProperties properties;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reconciliation");
        t.setDaemon(true);
        return t;
    });

    ReconciliationService(ReconciliationRepository repository, ReconciliationProperties properties,
                          PlatformTransactionManager transactions, Outbox outbox) {
        this.repository = repository;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        this.outbox = outbox;
    }

    /** Records a run and executes it in the background; returns its id at once. */
    public UUID start() {
        UUID id = repository.create("MANUAL");
        executor.execute(() -> execute(id));
        return id;
    }

    /** A scheduled run, executed in the caller's (Quartz) thread. */
    public ReconciliationRun runScheduled() {
        UUID id = repository.create("SCHEDULE");
        execute(id);
        return repository.find(id, properties.trendRuns()).orElseThrow();
    }

    void execute(UUID runId) {
        long t0 = System.nanoTime();
        try {
            tx.executeWithoutResult(status -> {
                if (!repository.tryLock()) {
                    throw new IllegalStateException("another reconciliation run is in progress");
                }
                repository.reconcile(runId, properties, step -> log.debug("reconciliation {}: {}", runId, step));
                repository.succeeded(runId);
                ReconciliationRun run = repository.find(runId, 1).orElseThrow();
                outbox.append(new OutboundMessage("reconciliation-" + runId,
                        properties.eventsAddress() == null || properties.eventsAddress().isBlank() ? null : properties.eventsAddress(),
                        "reconciliation", "created", "ReconciliationReport", null, summary(run)));
            });
            ReconciliationRun run = repository.find(runId, 1).orElseThrow();
            log.info("reconciliation {}: {} findings ({} new, {} fixed) in {} ms", runId, run.found(), run.newFindings(),
                    run.fixed(), (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("reconciliation {} failed: {}", runId, e.getMessage());
            repository.failed(runId, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** The summary event: totals and counts by kind, in namespace {@value #NAMESPACE}. */
    static String summary(ReconciliationRun run) {
        StringBuilder xml = new StringBuilder("<ReconciliationReport xmlns=\"" + NAMESPACE + "\">")
                .append("<runId>").append(run.id()).append("</runId>")
                .append("<finishedAt>").append(run.finishedAt()).append("</finishedAt>")
                .append("<customers>").append(run.customers()).append("</customers>")
                .append("<transformers>").append(run.transformers()).append("</transformers>")
                .append("<found>").append(run.found()).append("</found>")
                .append("<new>").append(run.newFindings()).append("</new>")
                .append("<fixed>").append(run.fixed()).append("</fixed>");
        for (Map.Entry<FindingKind, ReconciliationRun.KindCounts> e : run.byKind().entrySet()) {
            xml.append(String.format(Locale.ROOT, "<kind name=\"%s\" found=\"%d\" new=\"%d\" fixed=\"%d\"/>",
                    e.getKey(), e.getValue().found(), e.getValue().newFindings(), e.getValue().fixed()));
        }
        return xml.append("</ReconciliationReport>").toString();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}

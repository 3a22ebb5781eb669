package io.gridhub.reconciliation;

import java.util.Set;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts the reconciliation schedule into Quartz's clustered job store, as the feed schedules are
 * (see feeds.FeedScheduler for why Quartz and not only a lock): each firing runs on exactly one
 * hub instance. Its own group, so the feed scheduler's clean-up of unwanted feed jobs leaves it be.
 */
@Component
class ReconciliationScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationScheduler.class);
    static final JobKey JOB = JobKey.jobKey("reconciliation", "reconciliation");

    private final Scheduler scheduler;
    private final ReconciliationProperties properties;

    ReconciliationScheduler(Scheduler scheduler, ReconciliationProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() throws SchedulerException {
        String cron = properties.schedule();
        if (cron == null || cron.isBlank()) {
            scheduler.deleteJob(JOB);
            return;
        }
        JobDetail job = JobBuilder.newJob(ReconciliationJob.class).withIdentity(JOB).storeDurably().requestRecovery(false).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(JOB.getName(), JOB.getGroup()))
                .forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
                .build();
        if (scheduler.getTrigger(trigger.getKey()) instanceof CronTrigger existing && existing.getCronExpression().equals(cron)) {
            return; // scheduled already (another instance or an earlier start): keep its next fire time
        }
        scheduler.scheduleJob(job, Set.of(trigger), true);
        log.info("reconciliation scheduled: {}", cron);
    }
}

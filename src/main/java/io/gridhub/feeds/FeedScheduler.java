package io.gridhub.feeds;

import java.util.HashSet;
import java.util.Set;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts each enabled feed's cron schedule into Quartz's clustered JDBC job store (schema quartz).
 *
 * <p>Why Quartz and not only a PostgreSQL advisory lock: the lock keeps two runs of a feed from
 * overlapping (and is still taken by every run), but it cannot make a schedule fire exactly once.
 * Two instances that fire at 02:00 with a second of clock skew would each find the lock free, one
 * after the other, and run twice; and if the instance that should fire is down, nobody runs.
 * Clustered Quartz claims each firing of a trigger in the database under a row lock
 * ({@code quartz.qrtz_locks}), so one instance runs it, and another picks up triggers of an
 * instance that stopped checking in.
 */
@Component
class FeedScheduler {

    static final String GROUP = "feeds";
    private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);

    private final Scheduler scheduler;
    private final FeedCatalog catalog;

    FeedScheduler(Scheduler scheduler, FeedCatalog catalog) {
        this.scheduler = scheduler;
        this.catalog = catalog;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() throws SchedulerException {
        Set<JobKey> wanted = new HashSet<>();
        for (var e : catalog.all().entrySet()) {
            FeedDefinition f = e.getValue();
            if (!f.isEnabled() || f.schedule() == null || f.schedule().isBlank()) {
                continue;
            }
            JobKey key = JobKey.jobKey(e.getKey(), GROUP);
            wanted.add(key);
            JobDetail job = JobBuilder.newJob(FeedScheduleJob.class).withIdentity(key)
                    .usingJobData(FeedScheduleJob.FEED_ID, e.getKey()).storeDurably().requestRecovery(false).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(e.getKey(), GROUP))
                    .forJob(job)
                    // a firing missed while every instance was down runs once on start, not once per missed slot
                    .withSchedule(CronScheduleBuilder.cronSchedule(f.schedule()).withMisfireHandlingInstructionFireAndProceed())
                    .build();
            Trigger existing = scheduler.getTrigger(trigger.getKey());
            if (existing instanceof org.quartz.CronTrigger cron && cron.getCronExpression().equals(f.schedule())) {
                continue; // another instance (or an earlier start) scheduled it already: keep its next fire time
            }
            scheduler.scheduleJob(job, Set.of(trigger), true);
            log.info("feed {} scheduled: {}", e.getKey(), f.schedule());
        }
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.contains(key)) {
                scheduler.deleteJob(key);
                log.info("feed {} no longer scheduled", key.getName());
            }
        }
    }
}

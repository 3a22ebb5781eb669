package io.gridhub.cases;

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
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Schedules the time-limit job in Quartz's clustered job store (as the feed schedules, see
 * feeds/FeedScheduler for why not a plain @Scheduled with a lock): each firing runs on exactly one
 * hub instance, and a firing missed while all were down runs once on start.
 */
@Component
class TimeLimitScheduler {

    static final JobKey JOB = JobKey.jobKey("time-limits", "cases");

    private final Scheduler scheduler;
    private final CasesProperties properties;

    TimeLimitScheduler(Scheduler scheduler, CasesProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() throws SchedulerException {
        String cron = properties.timeLimitCron();
        if (cron == null || cron.isBlank()) {
            scheduler.deleteJob(JOB);
            return;
        }
        JobDetail job = JobBuilder.newJob(TimeLimitJob.class).withIdentity(JOB).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(JOB.getName(), JOB.getGroup()))
                .forJob(job).withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(
                        java.util.TimeZone.getTimeZone(properties.zone())).withMisfireHandlingInstructionFireAndProceed())
                .build();
        if (scheduler.getTrigger(trigger.getKey()) instanceof CronTrigger existing
                && existing.getCronExpression().equals(cron)) {
            return; // another instance scheduled it already
        }
        scheduler.scheduleJob(job, Set.of(trigger), true);
    }
}

package io.gridhub.api;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * This hub among the instances sharing one database, by name: the clustered Quartz scheduler's instance id,
 * the name it checks in under ({@code quartz.qrtz_scheduler_state}). Recorded where it matters which
 * instance did something: {@code feeds.feed_run.hub_instance}, {@code messaging.outbox.sent_by}.
 */
@Component
public class SchedulerInstance {

    private final ObjectProvider<Scheduler> scheduler;
    private volatile String id;

    public SchedulerInstance(ObjectProvider<Scheduler> scheduler) {
        this.scheduler = scheduler;
    }

    /** The instance id, or null without a scheduler (or before it can tell). */
    public String id() {
        String known = id;
        if (known == null) {
            Scheduler s = scheduler == null ? null : scheduler.getIfAvailable();
            try {
                known = s == null ? null : s.getSchedulerInstanceId();
            } catch (SchedulerException e) {
                known = null;
            }
            id = known;
        }
        return known;
    }
}

package io.gridhub.feeds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import javax.sql.DataSource;

import io.gridhub.HubIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.TriggerUtils;
import org.quartz.impl.matchers.KeyMatcher;
import org.quartz.listeners.JobListenerSupport;
import org.quartz.spi.OperableTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once scheduled runs with two hub scheduler instances on one database. The hub's own
 * Quartz scheduler runs in the shared test context; a second one is built here the way Spring
 * Boot builds the hub's (a {@link SchedulerFactoryBean} over the same data source, the same
 * {@code spring.quartz.properties} — clustered JDBC store, instanceName gridhub — and a job
 * factory that autowires {@link FeedScheduleJob} from the hub's context), only with its own
 * instanceId. So both instances claim firings from the same quartz tables and either can run a
 * feed, as two hubs would, without starting a second Spring context.
 *
 * <p>A feed's job and every-second cron trigger are put in the store the way {@link FeedScheduler}
 * does; every firing, on whichever instance, must yield exactly one recorded run, also while the
 * firings pass from the hub's instance (put in standby halfway) to the second one. The control
 * shows the count can fail: two schedulers that are not one cluster (different instanceName, so
 * each has its own copy of the trigger) both fire every slot, and the feed's advisory lock does
 * not stop that.
 */
@HubIntegrationTest
class FeedSchedulerClusterIT {

    private static final Logger log = LoggerFactory.getLogger(FeedSchedulerClusterIT.class);
    private static final int FIRES = 6;

    @Autowired
    Scheduler hub;
    @Autowired
    QuartzProperties quartz;
    @Autowired
    DataSource dataSource;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    private final List<SchedulerFactoryBean> others = new ArrayList<>();
    private final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void stopOthers() throws Exception {
        for (Runnable r : cleanup) {
            r.run();
        }
        for (SchedulerFactoryBean f : others) {
            f.destroy();
        }
    }

    /** Another scheduler instance on the hub's database, configured like the hub's own. */
    private Scheduler anotherInstance(String instanceName, String instanceId) throws Exception {
        Properties p = new Properties();
        p.putAll(quartz.getProperties());
        p.setProperty("org.quartz.scheduler.instanceName", instanceName);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        // look for due triggers every second rather than every 30 s, so that this instance really
        // competes with the hub's for each firing in a test lasting seconds
        p.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
        SchedulerFactoryBean f = new SchedulerFactoryBean();
        f.setQuartzProperties(p);
        f.setDataSource(dataSource);
        SpringBeanJobFactory jobs = new SpringBeanJobFactory();
        jobs.setApplicationContext(context);
        f.setJobFactory(jobs);
        f.setAutoStartup(false);
        f.setWaitForJobsToCompleteOnShutdown(true);
        f.setBeanName("feedSchedulerClusterIT-" + instanceId);
        f.afterPropertiesSet();
        others.add(f);
        Scheduler s = f.getScheduler();
        s.start();
        return s;
    }

    /** The feed's job as FeedScheduler stores it, fired every second for {@link #FIRES} seconds. */
    private static Trigger everySecond(JobDetail job, String feedId) {
        Instant start = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(feedId, FeedScheduler.GROUP)).forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule("* * * * * ?").withMisfireHandlingInstructionFireAndProceed())
                .startAt(Date.from(start)).endAt(Date.from(start.plusMillis((FIRES - 1) * 1000L + 500)))
                .build();
    }

    private static JobDetail job(String feedId) {
        return JobBuilder.newJob(FeedScheduleJob.class).withIdentity(JobKey.jobKey(feedId, FeedScheduler.GROUP))
                .usingJobData(FeedScheduleJob.FEED_ID, feedId).storeDurably().requestRecovery(false).build();
    }

    /** Which instance ran which scheduled firing of the job. */
    private static Recorder record(Scheduler s, JobKey key) throws Exception {
        Recorder r = new Recorder(s.getSchedulerInstanceId());
        s.getListenerManager().addJobListener(r, KeyMatcher.keyEquals(key));
        return r;
    }

    private static List<Date> fireTimes(Trigger trigger) {
        return TriggerUtils.computeFireTimes((OperableTrigger) trigger, null, 100);
    }

    private long scheduledRuns(String feedId) {
        return jdbc.queryForObject("SELECT count(*) FROM feeds.feed_run WHERE feed_id = ? AND trigger = 'SCHEDULE'", Long.class, feedId);
    }

    private void awaitRuns(String feedId, List<Recorder> recorders, int fires, Date last) {
        Awaitility.await("every firing executed and its run finished")
                .atMost(Duration.between(Instant.now(), last.toInstant().plusSeconds(60)))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> recorders.stream().mapToLong(r -> r.fired.size()).sum() >= fires
                        && jdbc.queryForObject("SELECT count(*) FROM feeds.feed_run WHERE feed_id = ? AND status = 'RUNNING'",
                                Long.class, feedId) == 0
                        && Instant.now().isAfter(last.toInstant()));
        // a second firing of the last slot, if there were one, would come within two seconds: the
        // count of executions must hold still that long (not a sleep: the window being watched)
        long executed = recorders.stream().mapToLong(r -> r.fired.size()).sum();
        Awaitility.await("no further firing").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> recorders.stream().mapToLong(r -> r.fired.size()).sum() == executed);
    }

    @Test
    void twoClusteredInstancesRunEachScheduledFiringExactlyOnce() throws Exception {
        String feedId = "test-cluster";
        assertThat(scheduledRuns(feedId)).isZero();
        Scheduler second = anotherInstance(hub.getSchedulerName(), "feed-cluster-it-2");
        assertThat(second.getSchedulerName()).isEqualTo(hub.getSchedulerName());
        assertThat(second.getSchedulerInstanceId()).isNotEqualTo(hub.getSchedulerInstanceId());
        assertThat(hub.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(second.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(jdbc.queryForList("SELECT instance_name FROM quartz.qrtz_scheduler_state WHERE sched_name = ?", String.class,
                hub.getSchedulerName())).contains(hub.getSchedulerInstanceId(), second.getSchedulerInstanceId());

        JobDetail job = job(feedId);
        Recorder onHub = record(hub, job.getKey());
        Recorder onSecond = record(second, job.getKey());
        cleanup.add(() -> {
            try {
                hub.deleteJob(job.getKey());
                hub.getListenerManager().removeJobListener(onHub.getName());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Trigger trigger = everySecond(job, feedId);
        List<Date> expected = fireTimes(trigger);
        assertThat(expected).hasSize(FIRES);
        // one store: the job and trigger scheduled through the hub are the second instance's too
        hub.scheduleJob(job, Set.of(trigger), true);
        assertThat(second.checkExists(job.getKey())).isTrue();

        // The instance that fires a slot usually claims the next one too (it acquires up to 30 s
        // ahead), so the hub's would take them all. Once two slots have run, the hub's instance goes
        // to standby, as a hub does that stops: the second instance must take over the remaining
        // slots from the same store, none twice, none lost.
        Awaitility.await("two slots run").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> onHub.fired.size() + onSecond.fired.size() >= 2);
        hub.standby();
        cleanup.add(0, () -> {
            try {
                hub.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitRuns(feedId, List.of(onHub, onSecond), FIRES, expected.get(FIRES - 1));
        hub.start();
        log.info("firings run by the hub's instance {}: {}; by the second instance {}: {}", onHub.instance, onHub.fired,
                onSecond.instance, onSecond.fired);

        List<Date> fired = new ArrayList<>(onHub.fired);
        fired.addAll(onSecond.fired);
        Collections.sort(fired);
        assertThat(fired).as("scheduled fire times run, on both instances together").isEqualTo(expected);
        assertThat(onHub.fired).as("slots run by the hub's instance").isNotEmpty();
        assertThat(onSecond.fired).as("slots run by the second instance").isNotEmpty();
        assertThat(scheduledRuns(feedId)).as("runs recorded").isEqualTo(FIRES);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM feeds.feed_run WHERE feed_id = ? AND status = 'RUNNING'",
                Long.class, feedId)).isZero();
    }

    @Test
    void schedulersThatAreNotOneClusterBothFireEverySlot() throws Exception {
        // the control: what the count above would show if the instances did not share one cluster
        String feedId = "test-apart";
        assertThat(scheduledRuns(feedId)).isZero();
        Scheduler apart = anotherInstance("gridhub-apart", "feed-cluster-it-apart");
        JobDetail job = job(feedId);
        Recorder onHub = record(hub, job.getKey());
        Recorder onApart = record(apart, job.getKey());
        cleanup.add(() -> {
            try {
                hub.deleteJob(job.getKey());
                hub.getListenerManager().removeJobListener(onHub.getName());
                apart.clear();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Trigger trigger = everySecond(job, feedId);
        List<Date> expected = fireTimes(trigger);
        hub.scheduleJob(job, Set.of(trigger), true);
        apart.scheduleJob(job, Set.of(trigger), true);

        awaitRuns(feedId, List.of(onHub, onApart), 2 * FIRES, expected.get(FIRES - 1));
        assertThat(onHub.fired).isEqualTo(expected);
        assertThat(onApart.fired).isEqualTo(expected);
        // the advisory lock keeps runs from overlapping, not from happening twice
        assertThat(scheduledRuns(feedId)).isEqualTo(2L * FIRES);
    }

    static final class Recorder extends JobListenerSupport {
        final String instance;
        final List<Date> fired = Collections.synchronizedList(new ArrayList<>());

        Recorder(String instance) {
            this.instance = instance;
        }

        @Override
        public String getName() {
            return "feed-cluster-it-" + instance;
        }

        @Override
        public void jobWasExecuted(JobExecutionContext context, JobExecutionException jobException) {
            fired.add(context.getScheduledFireTime());
        }
    }
}

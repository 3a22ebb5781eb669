package io.gridhub.feeds;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * One firing of a feed's schedule, claimed by this instance of the clustered Quartz scheduler:
 * the run, through the feed's route ({@code feed-<id>}, trigger SCHEDULE), in the Quartz thread
 * that claimed the firing, so the firing spans the run.
 */
@DisallowConcurrentExecution
public class FeedScheduleJob extends QuartzJobBean {

    static final String FEED_ID = "feedId";
    /** Header with the firing's scheduled fire time (epoch ms), recorded with the run (feeds.feed_run.scheduled_for). */
    static final String SCHEDULED_FOR = "GridHubScheduledFor";

    private ProducerTemplate camel;

    @Autowired
    public void setProducerTemplate(ProducerTemplate camel) {
        this.camel = camel;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        String feedId = context.getMergedJobDataMap().getString(FEED_ID);
        Map<String, Object> headers = new HashMap<>();
        headers.put("GridHubTrigger", RunTrigger.SCHEDULE.name());
        if (context.getScheduledFireTime() != null) {
            headers.put(SCHEDULED_FOR, context.getScheduledFireTime().getTime());
        }
        camel.sendBodyAndHeaders(FeedRoutes.endpoint(feedId), null, headers);
    }
}

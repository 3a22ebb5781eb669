package io.gridhub.feeds;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** One firing of a feed's schedule: the run, in the Quartz thread that claimed the firing. */
@DisallowConcurrentExecution
public class FeedScheduleJob extends QuartzJobBean {

    static final String FEED_ID = "feedId";

    private FeedRunService runs;

    @org.springframework.beans.factory.annotation.Autowired
    public void setFeedRunService(FeedRunService runs) {
        this.runs = runs;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        runs.runScheduled(context.getMergedJobDataMap().getString(FEED_ID));
    }
}

package io.gridhub.cases;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** One firing of the time-limit schedule, on the one instance of the cluster that claimed it. */
@DisallowConcurrentExecution
public class TimeLimitJob extends QuartzJobBean {

    private TimeLimitCheck check;

    @Autowired
    public void setTimeLimitCheck(TimeLimitCheck check) {
        this.check = check;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        check.run();
    }
}

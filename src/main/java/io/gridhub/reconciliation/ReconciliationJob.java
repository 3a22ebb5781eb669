package io.gridhub.reconciliation;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** One firing of the reconciliation schedule, on the one instance whose Quartz claimed it. */
@DisallowConcurrentExecution
public class ReconciliationJob extends QuartzJobBean {

    private ReconciliationService service;

    @Autowired
    public void setReconciliationService(ReconciliationService service) {
        this.service = service;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        service.runScheduled();
    }
}

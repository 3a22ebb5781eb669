package io.gridhub.plans;

import java.time.LocalDate;

import io.gridhub.api.InvalidFieldException;
import io.gridhub.cases.CaseCanceled;
import io.gridhub.cases.CaseStageChanged;
import io.gridhub.cases.CasesProperties;
import io.gridhub.cases.Stage;
import io.gridhub.cases.TimeLimitCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Plans follow their case: drafted when it reaches the plan stage, withdrawn when it is cancelled,
 * their promise closed when it is archived (connected), expired by the clustered daily check. The
 * case events arrive inside the case's transaction, so both commit or neither.
 */
@Component
class PlanLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PlanLifecycle.class);

    private final PlanService plans;
    private final CasesProperties cases;

    PlanLifecycle(PlanService plans, CasesProperties cases) {
        this.plans = plans;
        this.cases = cases;
    }

    @EventListener
    void stageChanged(CaseStageChanged e) {
        if (e.to() == Stage.PLAN_REPLY) {
            try {
                plans.reachedPlanStage(e.caseNo(), e.actor());
            } catch (InvalidFieldException bad) {
                // the siting question cannot be answered (e.g. no grid near the site): the stage still moves,
                // the customer manager drafts by hand once the data is right
                log.warn("case {}: no plan drafted on reaching the plan stage: {}", e.caseNo(), bad.getMessage());
            }
        } else if (e.to() == Stage.ARCHIVE) {
            plans.caseConnected(e.caseNo());
        }
    }

    @EventListener
    void canceled(CaseCanceled e) {
        plans.caseCanceled(e.caseNo(), e.reason(), e.actor());
    }

    @EventListener
    void daily(TimeLimitCheck.TimeLimitsChecked e) {
        int n = plans.expire(LocalDate.now(cases.zone()));
        if (n > 0) {
            log.info("{} supply plans expired", n);
        }
    }
}

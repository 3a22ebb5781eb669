package io.gridhub.cases.followup;

import io.gridhub.cases.CaseStageChanged;
import io.gridhub.cases.Stage;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A case powered on (装表接电) gets its follow-up visit; so does one the MIS archives without the
 * hub having seen the power-on. The event arrives inside the stage move's transaction, so the move
 * and the task commit together; the task is made once per case.
 */
@Component
class FollowUpLifecycle {

    private final FollowUpService followUps;

    FollowUpLifecycle(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @EventListener
    void stageChanged(CaseStageChanged e) {
        if (e.to() == Stage.POWER_ON || e.to() == Stage.ARCHIVE) {
            followUps.open(e.caseNo(), e.actor());
        }
    }
}

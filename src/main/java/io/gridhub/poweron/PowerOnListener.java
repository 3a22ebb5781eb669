package io.gridhub.poweron;

import io.gridhub.cases.CaseService;
import io.gridhub.cases.CaseStageChanged;
import io.gridhub.cases.Stage;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A case reached power-on (装表接电): the customer is connected. The event arrives inside the
 * stage change's transaction, so the stage, the register, the promise and the GIS message commit
 * together.
 */
@Component
class PowerOnListener {

    private final CaseService cases;
    private final PowerOnService powerOn;

    PowerOnListener(CaseService cases, PowerOnService powerOn) {
        this.cases = cases;
        this.powerOn = powerOn;
    }

    @EventListener
    void stageChanged(CaseStageChanged e) {
        if (e.to() == Stage.POWER_ON) {
            powerOn.connected(cases.read(e.caseNo()));
        }
    }
}

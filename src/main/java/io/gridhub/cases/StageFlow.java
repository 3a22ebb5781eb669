package io.gridhub.cases;

import java.util.ArrayList;
import java.util.List;

/**
 * Which stage may follow which: the next stage of the case's path (low-voltage cases skip the
 * high-voltage-only stages), and for a low-voltage case without grid works the "survey and meter
 * in one visit" fast path (勘查装表一岗制) from the site survey straight to power-on.
 */
final class StageFlow {

    private StageFlow() {
    }

    /** The stages a case passes, in order. */
    static List<Stage> path(boolean lowVoltage) {
        List<Stage> out = new ArrayList<>();
        for (Stage s : Stage.values()) {
            if (!(lowVoltage && s.highVoltageOnly())) {
                out.add(s);
            }
        }
        return out;
    }

    /** The stages a case at {@code current} may be moved to. */
    static List<Stage> allowedNext(Stage current, boolean lowVoltage, boolean gridWorks) {
        List<Stage> path = path(lowVoltage);
        int i = path.indexOf(current);
        List<Stage> out = new ArrayList<>();
        if (i >= 0 && i + 1 < path.size()) {
            out.add(path.get(i + 1));
        }
        if (lowVoltage && !gridWorks && current == Stage.SITE_SURVEY) {
            out.add(Stage.POWER_ON);
        }
        return out;
    }
}

package io.gridhub.siting;

import java.util.Locale;

import io.gridhub.siting.CandidateEvaluator.Connection;
import io.gridhub.siting.CandidateSearchRepository.FeederTieIns;

/**
 * Overhead or cable (架空 / 电缆), and where to tie in: the line section's kind when the GIS gives
 * it, else the nearer of pole and switchgear, else the conductor type (YJ… is XLPE cable, JKYJ…
 * is insulated overhead wire); a cable connection goes to switchgear with spare bays, an overhead
 * one to the nearest pole.
 */
final class LineKindChoice {

    private LineKindChoice() {
    }

    static Connection choose(SourceHit h, FeederTieIns t) {
        TieIn pole = t == null ? null : t.pole();
        TieIn gear = t == null ? null : t.switchgearWithSpareBay();
        int switchgear = t == null ? 0 : t.switchgearCount();
        int maxSpare = t == null ? 0 : t.maxSpareBays();
        String conductor = h.conductor() == null ? null : h.conductor().toUpperCase(Locale.ROOT);
        LineKind kind;
        String basis;
        if (h.lineKind() != null) {
            kind = h.lineKind();
            basis = "line section type";
        } else if (switchgear > 0 && (pole == null || (gear != null && gear.distanceM() < pole.distanceM()))) {
            kind = LineKind.CABLE;
            basis = "switchgear on the feeder nearer than any pole";
        } else if (pole != null) {
            kind = LineKind.OVERHEAD;
            basis = "poles on the feeder";
        } else if (conductor != null && conductor.contains("YJ") && !conductor.startsWith("JK")) {
            kind = LineKind.CABLE;
            basis = "conductor " + h.conductor();
        } else {
            kind = LineKind.OVERHEAD;
            basis = h.conductor() == null ? "assumed: no section type, pole, switchgear or conductor recorded"
                    : "conductor " + h.conductor();
        }
        return new Connection(kind == LineKind.CABLE ? gear : pole, kind, basis, maxSpare);
    }
}

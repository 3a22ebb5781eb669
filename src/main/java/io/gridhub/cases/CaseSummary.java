package io.gridhub.cases;

import java.time.OffsetDateTime;

/**
 * A case in a list (GET /api/cases, GET /api/dispatch/warnings).
 *
 * @param caseNo case number
 * @param customerName customer name
 * @param serviceUnit owning service unit
 * @param customerManager customer manager's login
 * @param projectManager project manager's login
 * @param stage current stage
 * @param stageLabel its Chinese name
 * @param status OPEN, CANCELED or CLOSED
 * @param requestedKva requested kVA
 * @param lowVoltage low-voltage case
 * @param stageStartedAt when the current stage started
 * @param dueAt when the current stage is due (null without a limit)
 * @param timeFlag NONE, WARNING or OVERDUE
 * @param elapsedShare working days used ÷ the limit (1 = due today; above 1 overdue), null without a limit
 */
public record CaseSummary(String caseNo, String customerName, String serviceUnit, String customerManager,
                          String projectManager, Stage stage, String stageLabel, CaseStatus status,
                          double requestedKva, boolean lowVoltage, OffsetDateTime stageStartedAt,
                          OffsetDateTime dueAt, TimeFlag timeFlag, Double elapsedShare) {
}

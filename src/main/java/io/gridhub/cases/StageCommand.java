package io.gridhub.cases;

import jakarta.validation.constraints.Size;

/**
 * Body of POST /api/cases/{caseNo}/stages/{stage}: move the case to that stage.
 *
 * @param note what was done or decided (kept with the stage and in the audit log)
 * @param gridWorks what the survey found: false allows the low-voltage one-visit fast path to power-on
 */
public record StageCommand(@Size(max = 2000) String note, Boolean gridWorks) {
}

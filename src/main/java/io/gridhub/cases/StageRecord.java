package io.gridhub.cases;

import java.time.OffsetDateTime;

/**
 * One stage a case entered (环节记录), with its time limit.
 *
 * @param stage the stage
 * @param label its Chinese name
 * @param startedAt when the case entered it
 * @param startedBy who moved it there
 * @param note the note given with the move
 * @param limitWorkingDays the time limit (working days), null when the stage has none
 * @param dueAt end of the last working day allowed, null without a limit
 * @param completedAt when the case left it, null while current
 * @param completedBy who moved it on
 * @param timeFlag NONE, WARNING (past the warning threshold) or OVERDUE
 */
public record StageRecord(Stage stage, String label, OffsetDateTime startedAt, String startedBy, String note,
                          Integer limitWorkingDays, OffsetDateTime dueAt, OffsetDateTime completedAt,
                          String completedBy, TimeFlag timeFlag) {
}

package io.gridhub.cases.followup;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A follow-up visit task (回访任务): call the customer of a powered-on case by its due date and
 * record the outcome.
 *
 * @param id the task's number
 * @param caseNo the case (业扩工单号)
 * @param customerNo customer number (户号), null when the case has none
 * @param customerName customer name (户名)
 * @param contactName who to ask for
 * @param contactPhone the number to call
 * @param serviceUnit the service unit of the case
 * @param poweredOnAt when the customer was connected (装表接电)
 * @param dueDate the last working day for the call
 * @param dueAt the end of that day in the utility's zone
 * @param overdue still pending after {@code dueAt}
 * @param status PENDING, DONE or UNREACHABLE
 * @param satisfaction the customer's answer, null unless DONE
 * @param satisfactionLabel its Chinese word
 * @param note what the dispatcher wrote down
 * @param recordedBy who recorded the call
 * @param recordedAt when
 * @param createdAt when the task was made
 */
public record FollowUp(
        long id,
        String caseNo,
        String customerNo,
        String customerName,
        String contactName,
        String contactPhone,
        String serviceUnit,
        OffsetDateTime poweredOnAt,
        LocalDate dueDate,
        OffsetDateTime dueAt,
        boolean overdue,
        FollowUpStatus status,
        Satisfaction satisfaction,
        String satisfactionLabel,
        String note,
        String recordedBy,
        OffsetDateTime recordedAt,
        OffsetDateTime createdAt) {
}

package io.gridhub.cases;

/** Whether a case is still being worked on (工单状态). */
public enum CaseStatus {
    /** 在途 */
    OPEN,
    /** 已撤销: the customer withdrew or the MIS cancelled it */
    CANCELED,
    /** 已归档: connected and archived */
    CLOSED
}

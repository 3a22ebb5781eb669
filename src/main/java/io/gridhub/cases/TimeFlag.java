package io.gridhub.cases;

/** Where a stage stands against its time limit (时限预警). */
public enum TimeFlag {
    /** within the limit, below the warning threshold */
    NONE,
    /** past the warning threshold (default 80 % of the limit) */
    WARNING,
    /** past the limit (超期) */
    OVERDUE
}

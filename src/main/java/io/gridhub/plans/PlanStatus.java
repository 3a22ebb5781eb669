package io.gridhub.plans;

/** Where a supply plan stands (方案状态). */
public enum PlanStatus {
    /** 草稿: drafted, editable; commits nothing */
    DRAFT,
    /** 已确认: its capacity is committed on every asset of its chains */
    CONFIRMED,
    /** 已撤回: withdrawn by the customer manager or with its case; capacity released */
    WITHDRAWN,
    /** 已过期: past its validity; capacity released */
    EXPIRED
}

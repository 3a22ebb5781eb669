package io.gridhub.siting;

/** Usage category of the customer (用电类别). */
public enum CustomerCategory {
    /** 居民生活 */
    RESIDENTIAL,
    /** 一般工商业 (including small and micro enterprises) */
    GENERAL_COMMERCIAL,
    /** 大工业 */
    LARGE_INDUSTRY,
    /** 农业生产 */
    AGRICULTURE
}

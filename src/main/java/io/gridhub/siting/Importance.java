package io.gridhub.siting;

/** Load importance of a customer (重要电力用户分级, GB/T 29328-2018). */
public enum Importance {
    /** 普通: an ordinary customer, single supply */
    NORMAL,
    /** 特级重要用户 */
    SPECIAL,
    /** 一级重要用户 */
    FIRST,
    /** 二级重要用户 */
    SECOND,
    /** 临时性重要用户 */
    TEMPORARY
}

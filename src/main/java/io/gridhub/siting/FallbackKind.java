package io.gridhub.siting;

/** What can be done when no candidate passes (备选方案). */
public enum FallbackKind {
    /** move load over a tie switch to a neighbouring feeder, then connect (负荷转供) */
    LOAD_TRANSFER,
    /** build a new public transformer on a feeder with room (新增配变) */
    NEW_TRANSFORMER,
    /** build a new 10 kV feeder from a substation with room and a spare bay (新出线) */
    NEW_FEEDER,
    /** none of the above works */
    NO_SOLUTION
}

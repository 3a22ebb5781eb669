package io.gridhub.siting;

/** How many independent sources supply the customer (供电方式). */
public enum SupplyMode {
    /** 单电源 */
    SINGLE("单电源"),
    /** 双回路: two feeders from different busbars (or at least different feeders) */
    DUAL_CIRCUIT("双回路"),
    /** 双电源: two sources from two different substations */
    DUAL_SUPPLY("双电源");

    private final String label;

    SupplyMode(String label) {
        this.label = label;
    }

    /** The name on a supply plan. */
    public String label() {
        return label;
    }
}

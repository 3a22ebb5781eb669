package io.gridhub.plans;

/** A power source's role in the plan (电源性质). */
public enum SourceRole {
    /** 主供电源 */
    MAIN("主供"),
    /** 备用电源 */
    STANDBY("备用");

    private final String label;

    SourceRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

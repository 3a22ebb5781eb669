package io.gridhub.plans;

/** The customer's incoming line (进线方式). */
public enum IncomingLineType {
    /** 架空 */
    OVERHEAD("架空"),
    /** 电缆 */
    CABLE("电缆"),
    /** 架空与电缆混合 */
    MIXED("混合");

    private final String label;

    IncomingLineType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package io.gridhub.plans;

/** Where the energy is metered relative to the supply voltage (计量方式). */
public enum MeteringMethod {
    /** 高供高计: 10 kV supply metered on the 10 kV side */
    HIGH_HIGH("高供高计"),
    /** 高供低计: 10 kV supply metered on the low-voltage side of the customer's transformer */
    HIGH_LOW("高供低计"),
    /** 低供低计: low-voltage supply metered at low voltage */
    LOW_LOW("低供低计");

    private final String label;

    MeteringMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

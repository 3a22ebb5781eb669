package io.gridhub.siting;

/** Supply voltage decided from the requested capacity. */
public enum VoltageLevel {
    /** 220 V single-phase, from a distribution transformer */
    LV_220V,
    /** 380 V three-phase, from a distribution transformer */
    LV_380V,
    /** 10 kV, from a feeder */
    MV_10KV,
    /** 35 kV or above: outside this hub's 10 kV scope; nearest substations are listed instead */
    OUTSIDE_10KV_SCOPE;

    public boolean lowVoltage() {
        return this == LV_220V || this == LV_380V;
    }
}

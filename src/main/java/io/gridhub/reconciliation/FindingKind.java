package io.gridhub.reconciliation;

/** What a reconciliation finding says is wrong between the marketing MIS and the GIS. */
public enum FindingKind {
    /** A customer in supply is assigned to a transformer the GIS does not have (台区变压器在GIS中不存在). */
    UNKNOWN_TRANSFORMER,
    /** A customer in supply is assigned to a transformer the GIS has retired. */
    RETIRED_TRANSFORMER,
    /** A customer's transformer is on another feeder in the GIS than in the MIS (线变关系不一致). */
    FEEDER_MISMATCH,
    /** A customer is farther from its transformer than the low-voltage supply radius (供电半径); nearest plausible transformer suggested. */
    BEYOND_SUPPLY_RADIUS,
    /** A transformer's contracted capacity × diversity factor exceeds its rating. */
    CONTRACTED_OVERLOAD,
    /** A transformer's measured peak (peak window) exceeds its rating (重过载). */
    MEASURED_OVERLOAD,
    /** A GIS transformer in service that no customer in supply is assigned to. */
    TRANSFORMER_WITHOUT_CUSTOMERS,
    /** An MIS transformer area (台区) none of whose customers names a GIS transformer in service. */
    AREA_WITHOUT_TRANSFORMER
}

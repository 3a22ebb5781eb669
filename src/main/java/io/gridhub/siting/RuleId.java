package io.gridhub.siting;

/**
 * What a check tests (校验规则), as a type beside its display text: the fallbacks choose by it, and
 * a client may too, never by the wording.
 */
public enum RuleId {
    /** the candidate's distribution transformer is in the grid store */
    TRANSFORMER_RESOLVED,
    /** the distribution transformer's open capacity ≥ the request (low voltage) */
    TRANSFORMER_OPEN_CAPACITY,
    /** the feeder is in service in the grid store */
    FEEDER_RESOLVED,
    /** the feeder's open capacity ≥ the request */
    FEEDER_OPEN_CAPACITY,
    /** the feeder's loading after connection ≤ its cap */
    FEEDER_LOADING,
    /** the main transformer behind the feeder is in the grid store */
    MAIN_TRANSFORMER_RESOLVED,
    /** the main transformer's open capacity ≥ the request */
    MAIN_TRANSFORMER_OPEN_CAPACITY,
    /** the main transformer's loading after connection ≤ its cap */
    MAIN_TRANSFORMER_LOADING,
    /** the substation is in the grid store */
    SUBSTATION_RESOLVED,
    /** the substation's open capacity (sum of its main transformers under N-1) ≥ the request */
    SUBSTATION_OPEN_CAPACITY,
    /** a cable connection finds switchgear with enough spare bays */
    SPARE_BAY,
    /**
     * customers already on the feeder &lt; the limit, so that with the new one the feeder supplies at
     * most the limit (domain rule "≤ 50 customers on the feeder")
     */
    FEEDER_CUSTOMERS_BELOW_LIMIT,
    /** a low-voltage route within the supply radius of the area class */
    LOW_VOLTAGE_RADIUS
}

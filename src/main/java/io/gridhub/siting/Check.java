package io.gridhub.siting;

/**
 * One screening rule applied to a candidate, with the figure it was judged on.
 *
 * @param id what is checked, as a type
 * @param rule what is checked, in words, e.g. "feeder open capacity ≥ request"
 * @param value the candidate's figure, null when the data is missing
 * @param limit the figure it must reach or stay under
 * @param unit unit of value and limit (kVA, %, m, bays, customers)
 * @param passed whether the candidate passes this rule
 * @param capacity whether the rule is about capacity (its outcome depends on the requested amount)
 * @param note why, when the figure alone does not say it (missing load, assumption)
 */
public record Check(RuleId id, String rule, Double value, Double limit, String unit, boolean passed, boolean capacity,
                    String note) {

    static Check of(RuleId id, String rule, double value, double limit, String unit, boolean passed,
                    boolean capacity) {
        return new Check(id, rule, round(value), round(limit), unit, passed, capacity, null);
    }

    static Double round(Double v) {
        return v == null ? null : Math.round(v * 10) / 10.0;
    }
}

package io.gridhub.plans;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two versions of a plan side by side: the fields that differ, with both values.
 *
 * @param planId the plan
 * @param from the older version compared
 * @param to the newer version compared
 * @param differences one entry per differing field
 */
public record PlanComparison(String planId, int from, int to, List<Difference> differences) {

    /** A field with its value in each version. */
    public record Difference(String field, JsonNode from, JsonNode to) {}
}

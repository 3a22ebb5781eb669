package io.gridhub.plans;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The fields in which two versions of a plan differ (top-level fields of {@link PlanContent}). */
final class PlanDiff {

    private PlanDiff() {
    }

    static List<PlanComparison.Difference> between(ObjectMapper json, PlanContent a, PlanContent b) {
        JsonNode x = json.valueToTree(a);
        JsonNode y = json.valueToTree(b);
        Set<String> names = new LinkedHashSet<>();
        x.fieldNames().forEachRemaining(names::add);
        for (Iterator<String> it = y.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        List<PlanComparison.Difference> out = new ArrayList<>();
        for (String n : names) {
            if (!Objects.equals(x.get(n), y.get(n))) {
                out.add(new PlanComparison.Difference(n, x.get(n), y.get(n)));
            }
        }
        return out;
    }
}

package io.gridhub.plans;

import java.util.List;

/**
 * A candidate the siting answer offered when the plan was drafted (备选方案), kept so the customer
 * manager can switch to it and the reply can say why the chosen one won.
 *
 * @param rank siting rank (1 = best)
 * @param passed whether every check passed
 * @param score weighted score
 * @param scoreExplanation the weighted sum, term by term
 * @param distanceM distance from the site (m)
 * @param openAfterKva open capacity of the binding link after this request
 * @param failedChecks the checks it failed
 * @param costGridYuan typical grid-side cost
 * @param costCustomerYuan typical customer-side cost
 * @param source the power source it would be
 */
public record ConsideredCandidate(int rank, boolean passed, double score, String scoreExplanation, double distanceM,
                                  Double openAfterKva, List<String> failedChecks, double costGridYuan,
                                  double costCustomerYuan, PlanSource source) {
}

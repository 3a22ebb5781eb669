package io.gridhub.siting;

/**
 * Length of the new line from the site to the tie-in.
 *
 * @param lengthM route length (m)
 * @param method how it was found: STRAIGHT_LINE_X_DETOUR (straight-line distance × detour factor) or ROAD_NETWORK
 */
public record RouteEstimate(double lengthM, String method) {
}

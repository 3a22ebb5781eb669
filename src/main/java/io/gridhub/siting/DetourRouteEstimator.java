package io.gridhub.siting;

/** Straight-line (geodesic) distance times the configured detour factor: the estimate when no road network is loaded. */
final class DetourRouteEstimator implements RouteEstimator {

    private final double factor;

    DetourRouteEstimator(double factor) {
        this.factor = factor;
    }

    @Override
    public RouteEstimate estimate(double siteLon, double siteLat, double toLon, double toLat, double straightM) {
        return new RouteEstimate(straightM * factor, "STRAIGHT_LINE_X_DETOUR_" + factor);
    }
}

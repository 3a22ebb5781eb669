package io.gridhub.siting;

/** Estimates the length of the new line from the site to where it is tied in. */
interface RouteEstimator {

    /**
     * @param siteLon site longitude (EPSG:4490)
     * @param siteLat site latitude
     * @param toLon tie-in longitude
     * @param toLat tie-in latitude
     * @param straightM geodesic straight-line distance between them
     */
    RouteEstimate estimate(double siteLon, double siteLat, double toLon, double toLat, double straightM);
}

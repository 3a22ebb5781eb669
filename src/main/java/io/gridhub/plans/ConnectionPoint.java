package io.gridhub.plans;

/**
 * Where the customer's line is tied into the grid (接入点): a pole of an overhead feeder, a bay of a
 * ring main unit, the nearest point of a feeder line, or a public distribution transformer.
 *
 * @param kind POLE, RING_MAIN_UNIT, SWITCHING_STATION, CABLE_BRANCH_BOX, FEEDER_LINE or TRANSFORMER
 * @param id source id of the pole, switchgear or transformer (null for a point on a line)
 * @param name pole number or display name
 * @param lon longitude (EPSG:4490)
 * @param lat latitude (EPSG:4490)
 */
public record ConnectionPoint(String kind, String id, String name, double lon, double lat) {
}

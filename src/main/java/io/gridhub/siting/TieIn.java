package io.gridhub.siting;

/**
 * Where a new line is tied into a feeder: a pole (杆塔) of an overhead line, or a ring main unit /
 * switching station / cable branch box (环网柜 / 开关站 / 电缆分支箱) with spare bays on a cable line.
 *
 * @param kind POLE, RING_MAIN_UNIT, SWITCHING_STATION or CABLE_BRANCH_BOX
 * @param id source id
 * @param name pole number or display name
 * @param spareBays spare bays (switchgear only)
 * @param lon longitude (EPSG:4490)
 * @param lat latitude
 * @param distanceM geodesic distance from the site
 */
public record TieIn(String kind, String id, String name, Integer spareBays, double lon, double lat,
                    double distanceM) {
}

package io.gridhub.samplegrid;

import io.gridhub.samplegrid.GridShape.Conductor;
import org.locationtech.jts.geom.Coordinate;

/**
 * The drawn parameters of one feeder, small enough to keep for every feeder of a million-asset grid;
 * {@link FeederBuilder} turns it into geometry and equipment, always identically.
 *
 * @param globalIndex    position among all feeders of the grid
 * @param sourceId       FDR-KBS-01-03
 * @param idStem         KBS-01-03, the stem of its sections', poles' and transformers' ids
 * @param name           10kV康01-03线
 * @param substationRef  SUB-KBS-01
 * @param busbarRef      BUS-KBS-01-I
 * @param urban          urban or rural routing and equipment
 * @param allCable       an underground cable feeder with ring main units; otherwise overhead
 * @param cableExitM     length of the cable exit of an overhead feeder (0 = leaves overhead)
 * @param start          first point, just outside the substation fence
 * @param bearing        general direction (degrees) the trunk heads
 * @param trunkM         trunk length (m)
 * @param trunkConductor conductor of the trunk (cable or overhead)
 * @param exitConductor  cable of the cable exit, if any
 */
record FeederDesign(int globalIndex, String sourceId, String idStem, String name, String substationRef,
                    String busbarRef, boolean urban, boolean allCable, double cableExitM, Coordinate start,
                    double bearing, double trunkM, Conductor trunkConductor, Conductor exitConductor) {
}

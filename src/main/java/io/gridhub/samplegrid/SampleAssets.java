package io.gridhub.samplegrid;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The generated assets, one record per equipment kind of the grid store (V1 schema); field names
 * follow its columns. All geometries are CGCS2000 lon/lat (SRID 4490).
 */
public final class SampleAssets {

    private SampleAssets() {
    }

    /** 架空 or 电缆: how a feeder section is built. */
    public enum LineKind { OVERHEAD, CABLE }

    /** 环网柜 / 开关站 / 电缆分支箱. */
    public enum SwitchgearKind { RING_MAIN_UNIT, SWITCHING_STATION, CABLE_BRANCH_BOX }

    /** 柱上变 or 箱变. */
    public enum TransformerKind { POLE_MOUNTED, BOX_TYPE }

    /** 公变 (public) or 专变 (dedicated to one customer). */
    public enum Ownership { PUBLIC, DEDICATED }

    /** 设备类型 codes of the PMS load export: PB 配变, XL 线路 (feeder), ZB 主变. */
    public enum LoadAssetType { PB, XL, ZB }

    /** 变电站: a 110 or 35 kV site transforming down to 10 kV; its geometry is the fenced yard. */
    public record Substation(String sourceId, String name, double voltageKv, Polygon geom) {
    }

    /** 主变: a main transformer of a substation. */
    public record MainTransformer(String sourceId, String name, String substationRef, double ratedKva, Point geom) {
    }

    /** 母线: a 10 kV busbar section, supplied by one main transformer. */
    public record Busbar(String sourceId, String name, String substationRef, String mainTransformerRef,
                         double voltageKv, Point geom) {
    }

    /** 10 kV 馈线: the whole line (trunk plus branches) leaving a busbar. */
    public record Feeder(String sourceId, String name, String substationRef, String busbarRef, double voltageKv,
                         String conductor, double ratedCurrentA, double ratedKva, List<String> tieFeederRefs,
                         int connectedCustomers, MultiLineString geom) {
        public Feeder {
            tieFeederRefs = List.copyOf(tieFeederRefs);
        }

        Feeder withTies(List<String> ties) {
            return new Feeder(sourceId, name, substationRef, busbarRef, voltageKv, conductor, ratedCurrentA,
                    ratedKva, ties, connectedCustomers, geom);
        }
    }

    /** 导线段: a feeder section between two switch points. */
    public record FeederSection(String sourceId, String name, String feederRef, String conductor, LineKind lineKind,
                                LineString geom) {
    }

    /** 杆塔: a pole of an overhead feeder. */
    public record Pole(String sourceId, String name, String feederRef, String poleNumber, Point geom) {
    }

    /** 环网柜 / 开关站 / 电缆分支箱 on a cable feeder, with its bays (间隔). */
    public record RingMainUnit(String sourceId, String name, SwitchgearKind kind, String feederRef, int totalBays,
                               int spareBays, Point geom) {
    }

    /** 配变: a 10/0.4 kV distribution transformer; exactly one of poleRef / ringMainUnitRef is set. */
    public record DistributionTransformer(String sourceId, String name, TransformerKind kind, Ownership ownership,
                                          double ratedKva, String feederRef, String poleRef, String ringMainUnitRef,
                                          Point geom) {
    }

    /** 最大负荷: one row of the PMS monthly peak export; powerFactor is null where the MIS leaves it empty. */
    public record MonthlyPeak(String assetRef, LoadAssetType assetType, YearMonth month, double peakKw,
                              Double powerFactor, OffsetDateTime measuredAt) {
    }
}

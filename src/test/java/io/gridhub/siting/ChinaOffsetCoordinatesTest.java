package io.gridhub.siting;

import io.gridhub.geo.Gcj02;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ChinaOffsetCoordinatesTest {

    @Property(tries = 200)
    void gcj02InverseUndoesTheForwardOffsetToAMillimetre(@ForAll @DoubleRange(min = 106.4, max = 111.7) double lon,
                                                         @ForAll @DoubleRange(min = 37.3, max = 40.9) double lat) {
        double[] gcj = Gcj02.fromWgs84(lon, lat);
        double[] back = ChinaOffsetCoordinates.toCgcs2000(SiteCrs.GCJ_02, gcj[0], gcj[1]);
        assertThat(back[0]).isCloseTo(lon, within(1e-8));
        assertThat(back[1]).isCloseTo(lat, within(1e-8));
        // the offset itself is hundreds of metres in Ordos: ignoring it would misplace the site
        double offsetM = Math.hypot((gcj[0] - lon) * 86_500, (gcj[1] - lat) * 111_000);
        assertThat(offsetM).isBetween(100.0, 1000.0);
    }

    @Test
    void knownOffsetsOfAnIndependentImplementation() {
        // figures published with the widely used coordTransform library for (116.404, 39.915)
        double[] gcj = Gcj02.fromWgs84(116.404, 39.915);
        assertThat(gcj[0]).isCloseTo(116.41024449916938, within(1e-9));
        assertThat(gcj[1]).isCloseTo(39.91640428150164, within(1e-9));
        double[] fromBd = Gcj02.fromBd09(116.404, 39.915);
        assertThat(fromBd[0]).isCloseTo(116.39762729119315, within(1e-9));
        assertThat(fromBd[1]).isCloseTo(39.90865673957631, within(1e-9));
    }

    @Test
    void bd09IsFirstTakenBackToGcj02() {
        double[] gcj = Gcj02.fromWgs84(109.99, 39.81);
        // BD-09 forward: the published formula
        double z = Math.sqrt(gcj[0] * gcj[0] + gcj[1] * gcj[1]) + 0.00002 * Math.sin(gcj[1] * Math.PI * 3000 / 180);
        double theta = Math.atan2(gcj[1], gcj[0]) + 0.000003 * Math.cos(gcj[0] * Math.PI * 3000 / 180);
        double[] wgs = ChinaOffsetCoordinates.toCgcs2000(SiteCrs.BD_09, z * Math.cos(theta) + 0.0065,
                z * Math.sin(theta) + 0.006);
        assertThat(wgs[0]).isCloseTo(109.99, within(2e-6));
        assertThat(wgs[1]).isCloseTo(39.81, within(2e-6));
    }

    @Test
    void crsNames() {
        assertThat(SiteCrs.parse(null)).isEqualTo(SiteCrs.EPSG_4490);
        assertThat(SiteCrs.parse("epsg:4326")).isEqualTo(SiteCrs.EPSG_4326);
        assertThat(SiteCrs.parse("gcj02")).isEqualTo(SiteCrs.GCJ_02);
        assertThat(SiteCrs.parse("BD-09")).isEqualTo(SiteCrs.BD_09);
        assertThat(ChinaOffsetCoordinates.toCgcs2000(SiteCrs.EPSG_4326, 109.9, 39.8)).containsExactly(109.9, 39.8);
        assertThatThrownBy(() -> SiteCrs.parse("EPSG:3857")).hasMessageContaining("EPSG:3857");
    }
}

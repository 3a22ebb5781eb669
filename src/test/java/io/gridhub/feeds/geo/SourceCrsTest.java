package io.gridhub.feeds.geo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceCrsTest {

    @Test
    void readsTheNamesSourcesUse() {
        assertThat(SourceCrs.kindOf("EPSG:4546")).isEqualTo(SourceCrs.Kind.EPSG_4546);
        assertThat(SourceCrs.kindOf("urn:ogc:def:crs:EPSG::4545")).isEqualTo(SourceCrs.Kind.EPSG_4545);
        assertThat(SourceCrs.kindOf("4490")).isEqualTo(SourceCrs.Kind.EPSG_4490);
        assertThat(SourceCrs.kindOf("gcj_02")).isEqualTo(SourceCrs.Kind.GCJ_02);
        assertThat(SourceCrs.kindOf("CRS84")).isEqualTo(SourceCrs.Kind.EPSG_4326);
        assertThatThrownBy(() -> SourceCrs.kindOf("EPSG:3857")).hasMessageContaining("EPSG:3857")
                .hasMessageContaining("GCJ-02");
    }

    @Test
    void theCentralMeridianOfZone111MapsToEasting500km() {
        double[] p = SourceCrs.of("EPSG:4546").toCgcs2000(500_000, 4_400_000);
        assertThat(p[0]).isEqualTo(111.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p[1]).isBetween(39.7, 39.8);
    }
}

package io.gridhub.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.siting.SiteCrs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CrsNameTest {

    @ParameterizedTest
    @CsvSource({
            "EPSG:4490, EPSG_4490", "4490, EPSG_4490", "cgcs2000, EPSG_4490", "epsg4490, EPSG_4490",
            "http://www.opengis.net/def/crs/EPSG/0/4490, EPSG_4490",
            "EPSG:4326, EPSG_4326", "wgs84, EPSG_4326", "CRS84, EPSG_4326",
            "urn:ogc:def:crs:OGC:1.3:CRS84, EPSG_4326",
            "urn:ogc:def:crs:EPSG::4545, EPSG_4545", "EPSG:4546, EPSG_4546",
            "GCJ-02, GCJ_02", "gcj02, GCJ_02", "gcj_02, GCJ_02",
            "BD-09, BD_09", "bd09ll, BD_09"})
    void readsEveryAcceptedSpelling(String text, CrsName expected) {
        assertThat(CrsName.parse(text)).isEqualTo(expected);
    }

    @Test
    void namesTheTextAndTheKnownSystemsWhenUnknown() {
        assertThatThrownBy(() -> CrsName.parse("EPSG:3857")).hasMessageContaining("EPSG:3857")
                .hasMessageContaining("GCJ-02");
        assertThatThrownBy(() -> CrsName.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Feeds and sites read names alike; each refuses, by name, the systems it does not support. */
    @Test
    void feedsAndSitesReadTheSameNames() {
        for (String name : new String[] {"gcj_02", "GCJ02", "wgs84", "4490", "CRS84", "epsg4326"}) {
            assertThat(SourceCrs.kindOf(name).name()).isEqualTo(SiteCrs.parse(name).name());
        }
        assertThatThrownBy(() -> SourceCrs.kindOf("BD-09")).hasMessageContaining("unsupported source CRS 'BD-09'");
        assertThatThrownBy(() -> SiteCrs.parse("EPSG:4546")).hasMessageContaining("not accepted for a site");
    }
}

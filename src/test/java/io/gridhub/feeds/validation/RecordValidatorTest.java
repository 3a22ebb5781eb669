package io.gridhub.feeds.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.gridhub.feeds.FeedPolicy;
import io.gridhub.feeds.mapping.MappedAsset;
import io.gridhub.feeds.mapping.RecordRejected;
import io.gridhub.geo.ServiceArea;
import io.gridhub.grid.AssetType;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordValidatorTest {

    static final FeedPolicy POLICY = new FeedPolicy(null, 1000,
            new FeedPolicy.Http(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofMillis(1), null, null, null, null), 1000, 1000,
            Map.of("distribution_transformer", Map.of("rated-kva", new FeedPolicy.Range(10, 2500))), Duration.ofSeconds(1), 0.2, null, null, null);

    final RecordValidator validator = new RecordValidator(POLICY, new ServiceArea(106.3, 37.3, 111.9, 40.9));

    static Geometry wkt(String text) throws Exception {
        Geometry g = new WKTReader().read(text);
        g.setSRID(4490);
        return g;
    }

    static MappedAsset section(String wkt) throws Exception {
        return new MappedAsset(AssetType.FEEDER_SECTION, "S", null, wkt(wkt), new Object[] {"F", null, "OVERHEAD"}, "{}");
    }

    static MappedAsset transformer(String wkt, String kva) throws Exception {
        return new MappedAsset(AssetType.DISTRIBUTION_TRANSFORMER, "T", null, wkt == null ? null : wkt(wkt),
                new Object[] {"POLE_MOUNTED", "PUBLIC", new BigDecimal(kva), "F", null, null}, "{}");
    }

    @Test
    void linesMustNotCrossThemselvesAndSectionsMustBeOneLine() throws Exception {
        assertThat(validator.check(section("LINESTRING (109.9 39.8, 109.91 39.81)")).geometry().getGeometryType())
                .isEqualTo("LineString");
        assertThatThrownBy(() -> validator.check(section("LINESTRING (109.9 39.8, 109.91 39.81, 109.91 39.8, 109.9 39.81)")))
                .isInstanceOf(RecordRejected.class).hasMessage("line intersects itself");
        // two touching parts merge into one section
        assertThat(validator.check(section("MULTILINESTRING ((109.9 39.8, 109.91 39.81), (109.91 39.81, 109.92 39.8))"))
                .geometry().getNumPoints()).isEqualTo(3);
        assertThatThrownBy(() -> validator.check(section("MULTILINESTRING ((109.9 39.8, 109.91 39.81), (109.95 39.81, 109.96 39.8))")))
                .hasMessageContaining("expected one connected LineString");
    }

    @Test
    void polygonsMustBeValid() throws Exception {
        MappedAsset bowtie = new MappedAsset(AssetType.SUBSTATION, "S", null,
                wkt("POLYGON ((109.9 39.8, 109.91 39.81, 109.91 39.8, 109.9 39.81, 109.9 39.8))"),
                new Object[] {new BigDecimal("110")}, "{}");
        assertThatThrownBy(() -> validator.check(bowtie)).hasMessageContaining("invalid polygon: Self-intersection");
    }

    @Test
    void geometryMustBePresentFiniteOfTheRightTypeAndInTheServiceArea() throws Exception {
        assertThatThrownBy(() -> validator.check(transformer(null, "400"))).hasMessage("geometry is missing");
        assertThatThrownBy(() -> validator.check(transformer("POINT EMPTY", "400"))).hasMessage("geometry is empty");
        assertThatThrownBy(() -> validator.check(transformer("POINT (121.47 31.23)", "400"))).hasMessageContaining("outside the service area");
        assertThatThrownBy(() -> validator.check(transformer("LINESTRING (109.9 39.8, 109.91 39.81)", "400")))
                .hasMessage("expected a Point, got LineString");
        assertThat(validator.check(transformer("MULTIPOINT ((109.9 39.8))", "400")).geometry().getGeometryType()).isEqualTo("Point");
        // the main transformer may stand without a location (production MIS tables have none)
        MappedAsset mt = new MappedAsset(AssetType.MAIN_TRANSFORMER, "M", null, null, new Object[] {"S", new BigDecimal("40000")}, "{}");
        assertThat(validator.check(mt)).isSameAs(mt);
    }

    @Test
    void ratingsMustBePositiveAndPlausible() throws Exception {
        assertThatThrownBy(() -> validator.check(transformer("POINT (109.9 39.8)", "0"))).hasMessage("rated_kva 0 must be positive");
        assertThatThrownBy(() -> validator.check(transformer("POINT (109.9 39.8)", "31500")))
                .hasMessageContaining("implausible for a distribution_transformer (expected 10.0–2500.0)");
        MappedAsset rmu = new MappedAsset(AssetType.RING_MAIN_UNIT, "R", null, wkt("POINT (109.9 39.8)"),
                new Object[] {"RING_MAIN_UNIT", "F", 4L, 6L}, "{}");
        assertThatThrownBy(() -> validator.check(rmu)).hasMessage("spare_bays 6 exceeds total_bays 4");
        MappedAsset feeder = new MappedAsset(AssetType.FEEDER, "F", null, null,
                new Object[] {"S", null, null, null, null, null, null, null}, "{}");
        assertThatThrownBy(() -> validator.check(feeder)).hasMessage("a feeder needs rated_current_a or rated_kva");
    }
}

package io.gridhub.geo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceAreaTest {

    final ServiceArea ordos = new ServiceArea(106.3, 37.3, 111.9, 40.9);

    @Test
    void pointsAndBoxesInsideAreServedEdgesIncluded() {
        assertThat(ordos.contains(109.78, 39.61)).isTrue();
        assertThat(ordos.contains(106.3, 40.9)).isTrue();
        assertThat(ordos.contains(121.47, 31.23)).as("Shanghai").isFalse();
        assertThat(ordos.contains(109.0, 39.0, 110.0, 40.0)).isTrue();
        assertThat(ordos.contains(109.0, 39.0, 112.0, 40.0)).as("reaches past max-lon").isFalse();
    }

    @Test
    void anUpsideDownOrOutOfRangeAreaIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new ServiceArea(111.9, 37.3, 106.3, 40.9)).hasMessageContaining("hub.service-area");
        assertThatThrownBy(() -> new ServiceArea(106.3, 37.3, 181, 40.9)).hasMessageContaining("hub.service-area");
    }
}

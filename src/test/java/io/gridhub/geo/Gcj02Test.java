package io.gridhub.geo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Gcj02Test {

    /** Metres per degree of latitude, and of longitude at Ordos' latitude. */
    private static final double M_LAT = 111_000;
    private static final double M_LON = 111_000 * Math.cos(Math.toRadians(39.8));

    @Test
    void theInverseUndoesTheObfuscationToBelowAMillimetreAcrossOrdos() {
        for (double lon = 106.7; lon <= 111.5; lon += 0.37) {
            for (double lat = 37.6; lat <= 40.9; lat += 0.29) {
                double[] gcj = Gcj02.fromWgs84(lon, lat);
                double[] back = Gcj02.toWgs84(gcj[0], gcj[1]);
                assertThat((back[0] - lon) * M_LON).isCloseTo(0, within(0.001));
                assertThat((back[1] - lat) * M_LAT).isCloseTo(0, within(0.001));
            }
        }
    }

    @Test
    void theObfuscationIsHundredsOfMetresInOrdos() {
        // Dongsheng: the offset consumer maps add, which the hub must remove
        double[] gcj = Gcj02.fromWgs84(109.9865, 39.8155);
        double dx = (gcj[0] - 109.9865) * M_LON;
        double dy = (gcj[1] - 39.8155) * M_LAT;
        assertThat(Math.hypot(dx, dy)).isBetween(300.0, 900.0);
    }

    @Test
    void outsideChinaNothingIsShifted() {
        assertThat(Gcj02.toWgs84(2.2945, 48.8584)).containsExactly(2.2945, 48.8584);
    }
}

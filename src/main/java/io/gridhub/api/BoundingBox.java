package io.gridhub.api;

import java.util.Arrays;

/**
 * The {@code bbox} query parameter of the map APIs: {@code minLon,minLat,maxLon,maxLat} in EPSG:4490.
 * Anything else is an {@link InvalidFieldException} on {@code bbox} that says what is wrong.
 */
public final class BoundingBox {

    private BoundingBox() {
    }

    /** Parses the parameter; returns minLon, minLat, maxLon, maxLat. */
    public static double[] parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException("bbox", "required: minLon,minLat,maxLon,maxLat (EPSG:4490)");
        }
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new InvalidFieldException("bbox", "expected 4 numbers minLon,minLat,maxLon,maxLat, got '" + text + "'");
        }
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                b[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidFieldException("bbox", "'" + parts[i].trim() + "' is not a number");
            }
            if (!Double.isFinite(b[i])) {
                throw new InvalidFieldException("bbox", "'" + parts[i].trim() + "' is not a finite number");
            }
        }
        if (b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90) {
            throw new InvalidFieldException("bbox", "outside lon -180…180 / lat -90…90: " + Arrays.toString(b));
        }
        if (b[0] > b[2] || b[1] > b[3]) {
            throw new InvalidFieldException("bbox", "min exceeds max (minLon,minLat,maxLon,maxLat): " + Arrays.toString(b));
        }
        return b;
    }
}

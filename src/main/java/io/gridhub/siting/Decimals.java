package io.gridhub.siting;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point text of a number, as {@code String.format(Locale.ROOT, "%.Nf", v)} writes it (the
 * shortest decimal that reads back as the double, rounded half up), for the explanations every
 * candidate carries: String.format parses its pattern on each call, which made the explanations a
 * tenth of the hub's work per answer.
 */
final class Decimals {

    private Decimals() {
    }

    /** {@code v} with {@code places} decimals; NaN and infinities as Double.toString writes them. */
    static String fixed(double v, int places) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}

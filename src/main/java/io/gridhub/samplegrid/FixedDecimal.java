package io.gridhub.samplegrid;

/**
 * Fixed-point number printing without {@code String.format}: locale-free, fast for millions of
 * coordinates, and byte-stable (the value is rounded once, half away from zero, to whole units of 10^-digits).
 */
final class FixedDecimal {

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

    private FixedDecimal() {
    }

    /** Appends {@code value} with exactly {@code digits} decimals. */
    static StringBuilder append(StringBuilder out, double value, int digits) {
        long scale = POW10[digits];
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / scale);
        if (digits > 0) {
            out.append('.');
            String frac = Long.toString(scaled % scale);
            for (int i = frac.length(); i < digits; i++) {
                out.append('0');
            }
            out.append(frac);
        }
        return out;
    }

    /** Appends {@code value} with one decimal, dropping a trailing ".0" (a rating of 630 prints as 630). */
    static StringBuilder appendCompact(StringBuilder out, double value) {
        long tenths = Math.round(value * 10);
        if (tenths % 10 == 0) {
            return out.append(tenths / 10);
        }
        return append(out, value, 1);
    }
}

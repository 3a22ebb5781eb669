package io.gridhub.feeds.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.gridhub.feeds.source.ControlCharacters;

/**
 * Reading source values as the types the store wants: numbers may arrive as text ("1,250.0").
 *
 * <p>Numbers are bounded before anything prints or computes with them: {@code 1e999999999} is a
 * valid decimal whose plain form has a billion digits, so a value beyond {@link #MAX_INTEGER_DIGITS}
 * integer digits, or a number written with more than {@link #MAX_NUMBER_CHARS} characters, is
 * refused (the record is quarantined) instead of taking the hub's memory. These are limits of the
 * representation, far beyond any rating (the store's widest column holds 11 integer digits).
 */
final class Values {

    /** Integer digits a source number may have (10^15 kVA is already absurd). */
    static final int MAX_INTEGER_DIGITS = 15;
    /** Significant digits kept of a source number; more are rounded (a double prints 17). */
    static final int MAX_SIGNIFICANT_DIGITS = 34;
    /** Characters of a number written as text; longer is refused before parsing. */
    static final int MAX_NUMBER_CHARS = 64;

    private Values() {
    }

    static String text(Object v) {
        if (v == null) {
            return null;
        }
        String s = v instanceof BigDecimal b ? plain(b) : ControlCharacters.strip(v.toString()).trim();
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            s = Long.toString(d.longValue());
        }
        return s.isEmpty() ? null : s;
    }

    /** A number, or null when empty; throws {@link RecordRejected} naming the field when not a number. */
    static BigDecimal number(Object v, String field) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal b) {
            return bounded(b, field, b.toString());
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new RecordRejected(field + " is " + d);
            }
            return bounded(new BigDecimal(n.toString()), field, n.toString());
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        // thousands separators as exports write them: 1,250 or 1 250
        if (s.matches("[+-]?\\d{1,3}([, ]\\d{3})+(\\.\\d+)?")) {
            s = s.replace(",", "").replace(" ", "");
        }
        if (s.length() > MAX_NUMBER_CHARS) {
            throw new RecordRejected(field + " '" + s.substring(0, 20) + "…' is not a number of at most "
                    + MAX_NUMBER_CHARS + " characters");
        }
        BigDecimal n;
        try {
            n = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new RecordRejected(field + " '" + s + "' is not a number");
        }
        return bounded(n, field, s);
    }

    /**
     * A number within the representation limits, rounded to {@link #MAX_SIGNIFICANT_DIGITS}; refuses
     * one with more integer digits than {@link #MAX_INTEGER_DIGITS}. Uses only precision and scale,
     * never the plain form, so a huge exponent costs nothing.
     */
    static BigDecimal bounded(BigDecimal n, String field, String written) {
        if (n.signum() == 0) {
            return BigDecimal.ZERO;
        }
        long integerDigits = (long) n.precision() - n.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw new RecordRejected(field + " '" + written + "' is out of range (more than "
                    + MAX_INTEGER_DIGITS + " integer digits)");
        }
        if (integerDigits < -MAX_SIGNIFICANT_DIGITS) {
            return BigDecimal.ZERO; // below any precision a rating is stated in
        }
        return n.precision() > MAX_SIGNIFICANT_DIGITS ? n.round(java.math.MathContext.DECIMAL128) : n;
    }

    /** The plain form of a number, or its scientific form when the plain one would be huge. */
    private static String plain(BigDecimal b) {
        long integerDigits = (long) b.precision() - b.scale();
        if (b.signum() != 0 && (integerDigits > MAX_INTEGER_DIGITS || integerDigits < -MAX_SIGNIFICANT_DIGITS)) {
            return b.toString();
        }
        return b.stripTrailingZeros().toPlainString();
    }

    static Long integer(Object v, String field) {
        BigDecimal n = number(v, field);
        if (n == null) {
            return null;
        }
        try {
            return n.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new RecordRejected(field + " '" + n.toPlainString() + "' is not a whole number");
        }
    }

    static List<String> list(Object v) {
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> items) {
            for (Object i : items) {
                String t = text(i);
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        }
        String s = v.toString().trim();
        if (s.startsWith("{") && s.endsWith("}") || s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        for (String part : ControlCharacters.strip(s).split("[,;|、，]")) {
            String t = part.trim().replace("\"", "");
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}

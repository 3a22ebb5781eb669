package io.gridhub.feeds.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Reading source values as the types the store wants: numbers may arrive as text ("1,250.0"). */
final class Values {

    private Values() {
    }

    static String text(Object v) {
        if (v == null) {
            return null;
        }
        String s = v instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : v.toString().trim();
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
            return b;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new RecordRejected(field + " is " + d);
            }
            return new BigDecimal(n.toString());
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        // thousands separators as exports write them: 1,250 or 1 250
        if (s.matches("[+-]?\\d{1,3}([, ]\\d{3})+(\\.\\d+)?")) {
            s = s.replace(",", "").replace(" ", "");
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new RecordRejected(field + " '" + s + "' is not a number");
        }
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
        for (String part : s.split("[,;|、，]")) {
            String t = part.trim().replace("\"", "");
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}

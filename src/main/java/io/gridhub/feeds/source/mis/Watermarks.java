package io.gridhub.feeds.source.mis;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Watermark values as the hub stores them (text): an instant ({@code 2025-11-30T17:06:00Z}, from a
 * timestamp column), a date ({@code 2025-11-30}), a number (a sequence or version column) or other
 * text. Compares them by what they are, not as strings ({@code …00Z} and {@code …00.5Z} sort wrong
 * as text), and moves a time watermark back by the look-back window.
 */
final class Watermarks {

    private Watermarks() {
    }

    /**
     * The value a poll binds to {@code :watermark}: the stored watermark moved back by the look-back
     * window when it is a time (an instant, or a date moved back by whole days, rounded up); a
     * number or other text is bound as stored (a look-back is a time, it means nothing there).
     */
    static String lookBack(String watermark, Duration lookBack) {
        if (watermark == null || lookBack == null || lookBack.isZero()) {
            return watermark;
        }
        Instant instant = instant(watermark);
        if (instant != null) {
            return instant.minus(lookBack).toString();
        }
        LocalDate date = date(watermark);
        if (date != null) {
            long days = (lookBack.toSeconds() + 86_399) / 86_400;
            return date.minusDays(days).toString();
        }
        return watermark;
    }

    /** The later of two watermarks (null loses); a poll never moves the watermark back. */
    static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return compare(a, b) >= 0 ? a : b;
    }

    static int compare(String a, String b) {
        Instant ia = instant(a);
        Instant ib = instant(b);
        if (ia != null && ib != null) {
            return ia.compareTo(ib);
        }
        LocalDate da = date(a);
        LocalDate db = date(b);
        if (da != null && db != null) {
            return da.compareTo(db);
        }
        BigDecimal na = number(a);
        BigDecimal nb = number(b);
        if (na != null && nb != null) {
            return na.compareTo(nb);
        }
        return a.compareTo(b);
    }

    private static Instant instant(String s) {
        if (s.length() < 20 || s.length() > 40) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(String s) {
        if (s.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal number(String s) {
        if (s.isEmpty() || s.length() > 40) {
            return null; // bounded: no gigabyte exponent is ever expanded
        }
        try {
            BigDecimal n = new BigDecimal(s);
            return Math.abs(n.scale()) > 100 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package io.gridhub.cases.followup;

import java.util.Arrays;
import java.util.Locale;

import io.gridhub.api.InvalidFieldException;

/** The customer's answer on a follow-up visit (满意度): 满意 / 基本满意 / 不满意. */
public enum Satisfaction {
    /** 满意 */
    SATISFIED("满意"),
    /** 基本满意 */
    FAIRLY_SATISFIED("基本满意"),
    /** 不满意 */
    DISSATISFIED("不满意");

    private final String label;

    Satisfaction(String label) {
        this.label = label;
    }

    /** The word the dispatcher and the customer use. */
    public String label() {
        return label;
    }

    /** Parses the name ({@code SATISFIED}, {@code fairly-satisfied}) or the Chinese word ({@code 基本满意}). */
    static Satisfaction parse(String text) {
        String t = text.trim();
        for (Satisfaction s : values()) {
            if (s.label.equals(t) || s.name().equals(t.toUpperCase(Locale.ROOT).replace('-', '_'))) {
                return s;
            }
        }
        throw new InvalidFieldException("satisfaction", "unknown value '" + text + "'; expected one of "
                + Arrays.toString(values()) + " or 满意 / 基本满意 / 不满意");
    }
}

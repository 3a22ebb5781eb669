package io.gridhub.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Writes payloads in the namespace {@value #NS} (the case workflow schema of docs/cases.md):
 * one element per field, nulls left out, text escaped.
 */
public final class PayloadXml {

    /** The namespace of ConnectionApplication and SupplyPlan payloads. */
    public static final String NS = "urn:gridhub:cases:1";

    private final StringBuilder out = new StringBuilder();
    private final String root;

    public PayloadXml(String root) {
        this.root = root;
        out.append('<').append(root).append(" xmlns=\"").append(NS).append("\">");
    }

    public PayloadXml field(String name, Object value) {
        if (value != null) {
            String text = value instanceof Double d ? oneDecimal(d) : value.toString();
            out.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append('>');
        }
        return this;
    }

    /** Opens a child element; close it with {@link #end(String)}. */
    public PayloadXml start(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public PayloadXml end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    public String toXml() {
        return out + "</" + root + ">";
    }

    /** As {@code String.format(Locale.ROOT, "%.1f", d)} (half up on the shortest decimal of d), without the formatter. */
    static String oneDecimal(double d) {
        if (!Double.isFinite(d)) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return BigDecimal.valueOf(d).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

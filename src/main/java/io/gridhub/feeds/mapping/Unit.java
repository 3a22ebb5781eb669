package io.gridhub.feeds.mapping;

import java.util.Locale;
import java.util.Optional;

/**
 * Units sources express ratings and loads in, and the factor to the hub's unit of that quantity
 * (kVA for apparent power, kW for active power, kV for voltage, A for current).
 */
public enum Unit {
    KVA(Quantity.APPARENT_POWER, 1), MVA(Quantity.APPARENT_POWER, 1000), VA(Quantity.APPARENT_POWER, 0.001),
    KW(Quantity.ACTIVE_POWER, 1), MW(Quantity.ACTIVE_POWER, 1000), W(Quantity.ACTIVE_POWER, 0.001),
    KV(Quantity.VOLTAGE, 1), V(Quantity.VOLTAGE, 0.001),
    A(Quantity.CURRENT, 1), KA(Quantity.CURRENT, 1000);

    /** What a unit measures. */
    public enum Quantity { APPARENT_POWER, ACTIVE_POWER, VOLTAGE, CURRENT }

    private final Quantity quantity;
    private final double toHub;

    Unit(Quantity quantity, double toHub) {
        this.quantity = quantity;
        this.toHub = toHub;
    }

    public Quantity quantity() {
        return quantity;
    }

    /** Factor from this unit to the hub unit of its quantity. */
    public double toHub() {
        return toHub;
    }

    /** Reads a unit as sources write it ("MVA", "mva", "千伏安" …); empty when unknown. */
    public static Optional<Unit> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        return Optional.ofNullable(switch (t) {
            case "KVA", "千伏安" -> KVA;
            case "MVA", "兆伏安" -> MVA;
            case "VA", "伏安" -> VA;
            case "KW", "千瓦" -> KW;
            case "MW", "兆瓦" -> MW;
            case "W", "瓦" -> W;
            case "KV", "千伏" -> KV;
            case "V", "伏" -> V;
            case "A", "安", "安培" -> A;
            case "KA", "千安" -> KA;
            default -> null;
        });
    }

    /** The quantity a hub field holds, by the unit suffix of its column name; null for non-quantities. */
    public static Quantity quantityOfField(String hubField) {
        if (hubField.endsWith("_kva")) {
            return Quantity.APPARENT_POWER;
        }
        if (hubField.endsWith("_kw")) {
            return Quantity.ACTIVE_POWER;
        }
        if (hubField.endsWith("_kv")) {
            return Quantity.VOLTAGE;
        }
        if (hubField.endsWith("_a")) {
            return Quantity.CURRENT;
        }
        return null;
    }
}

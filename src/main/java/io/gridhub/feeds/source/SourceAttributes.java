package io.gridhub.feeds.source;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A record's attributes as the source spelled them, looked up case-insensitively (SBBM, sbbm and
 * Sbbm are one attribute: some servers lower-case names). Values are text, numbers, booleans,
 * lists or null, as the source typed them.
 */
public final class SourceAttributes {

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    public SourceAttributes put(String name, Object value) {
        String key = name.toLowerCase(Locale.ROOT);
        names.put(key, name);
        values.put(key, value);
        return this;
    }

    /** The value of an attribute, any case; null when absent or null. */
    public Object get(String name) {
        return name == null ? null : values.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean has(String name) {
        return name != null && values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Lower-cased attribute names. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The name as the source spelled it. */
    public String originalName(String key) {
        return names.get(key.toLowerCase(Locale.ROOT));
    }

    public int size() {
        return values.size();
    }
}

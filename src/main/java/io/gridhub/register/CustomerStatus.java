package io.gridhub.register;

import java.util.Locale;
import java.util.Optional;

/** Where a customer's supply contract stands (用电状态). Closed customers are kept, never counted as load. */
public enum CustomerStatus {
    /** 正常用电 */
    ACTIVE("正常"),
    /** 暂停 (temporarily suspended at the customer's request) */
    SUSPENDED("暂停"),
    /** 销户 */
    CLOSED("销户");

    private final String chinese;

    CustomerStatus(String chinese) {
        this.chinese = chinese;
    }

    /** The status from its name (any case) or Chinese term ({@code 正常}, {@code 正常用电}, {@code 暂停}, {@code 销户}). */
    public static Optional<CustomerStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        for (CustomerStatus s : values()) {
            if (s.name().equals(t.toUpperCase(Locale.ROOT)) || t.startsWith(s.chinese)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

package io.gridhub.register;

import java.util.Locale;
import java.util.Optional;

/** Usage category of a customer (用电类别), as the supply rules and tariffs group them. */
public enum UsageCategory {
    /** 居民生活 */
    RESIDENTIAL("居民生活", "居民"),
    /** 一般工商业 */
    GENERAL_COMMERCIAL("一般工商业", "工商业"),
    /** 大工业 */
    LARGE_INDUSTRY("大工业", "大工业用电"),
    /** 农业生产 */
    AGRICULTURE("农业生产", "农业");

    private final String chinese;
    private final String shortChinese;

    UsageCategory(String chinese, String shortChinese) {
        this.chinese = chinese;
        this.shortChinese = shortChinese;
    }

    /** The category from its name ({@code RESIDENTIAL}, any case) or Chinese term. */
    public static Optional<UsageCategory> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        for (UsageCategory c : values()) {
            if (c.name().equals(t.toUpperCase(Locale.ROOT).replace('-', '_')) || c.chinese.equals(t) || c.shortChinese.equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}

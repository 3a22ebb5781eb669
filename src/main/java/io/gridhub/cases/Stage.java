package io.gridhub.cases;

/**
 * The stages of a new-connection case (业扩报装环节), in their order. High-voltage-only stages are
 * skipped for low-voltage cases.
 */
public enum Stage {
    /** 业务受理 */
    ACCEPTANCE("业务受理", false),
    /** 现场勘查 */
    SITE_SURVEY("现场勘查", false),
    /** 供电方案答复 */
    PLAN_REPLY("供电方案答复", false),
    /** 设计审查 (high voltage only) */
    DESIGN_REVIEW("设计审查", true),
    /** 中间检查 (high voltage only) */
    MID_INSPECTION("中间检查", true),
    /** 竣工检验 (high voltage only) */
    COMPLETION_INSPECTION("竣工检验", true),
    /** 签订合同、装表接电 */
    POWER_ON("装表接电", false),
    /** 归档 */
    ARCHIVE("归档", false);

    private final String label;
    private final boolean highVoltageOnly;

    Stage(String label, boolean highVoltageOnly) {
        this.label = label;
        this.highVoltageOnly = highVoltageOnly;
    }

    /** The name users know the stage by. */
    public String label() {
        return label;
    }

    public boolean highVoltageOnly() {
        return highVoltageOnly;
    }

    /** Parses {@code SITE_SURVEY}, {@code site_survey} or {@code site-survey}. */
    public static Stage parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (RuntimeException e) {
            throw new io.gridhub.api.InvalidFieldException("stage", "unknown stage '" + text + "'; expected one of "
                    + java.util.Arrays.toString(values()));
        }
    }
}

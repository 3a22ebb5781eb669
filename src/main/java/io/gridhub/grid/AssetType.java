package io.gridhub.grid;

import java.util.Locale;

/**
 * The kinds of equipment the grid store holds, each with its own table in schema {@code grid}.
 */
public enum AssetType {
    /** 变电站: a 110 or 35 kV substation. */
    SUBSTATION("substation", "变电站"),
    /** 主变: a main transformer of a substation. */
    MAIN_TRANSFORMER("main_transformer", "主变"),
    /** 母线: a 10 kV busbar section. */
    BUSBAR("busbar", "母线"),
    /** 馈线: a 10 kV feeder. */
    FEEDER("feeder", "10kV馈线"),
    /** 导线段: one line section of a feeder. */
    FEEDER_SECTION("feeder_section", "导线段"),
    /** 杆塔: a pole or tower of an overhead feeder. */
    POLE("pole", "杆塔"),
    /** 环网柜 / 开关站 / 电缆分支箱: switchgear with bays on a cable feeder. */
    RING_MAIN_UNIT("ring_main_unit", "环网柜"),
    /** 配变: a 10/0.4 kV distribution transformer. */
    DISTRIBUTION_TRANSFORMER("distribution_transformer", "配变");

    private final String table;
    private final String chineseName;

    AssetType(String table, String chineseName) {
        this.table = table;
        this.chineseName = chineseName;
    }

    /** The table in schema {@code grid}, unqualified. */
    public String table() {
        return table;
    }

    /** The schema-qualified table. */
    public String qualifiedTable() {
        return "grid." + table;
    }

    /** The name users know the asset type by. */
    public String chineseName() {
        return chineseName;
    }

    /** Reads a type from its enum name or table name, case-insensitively. */
    public static AssetType parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("asset type is missing");
        }
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (AssetType type : values()) {
            if (type.name().equals(t)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown asset type '" + text + "'; expected one of "
                + java.util.Arrays.toString(values()));
    }
}

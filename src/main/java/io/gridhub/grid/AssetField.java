package io.gridhub.grid;

/**
 * One mapped attribute of an asset table: its column name and how the store types it. Feeds map
 * source attributes onto these names.
 *
 * @param name column name in the asset's table
 * @param type storage type
 * @param required whether a record without it is invalid
 */
public record AssetField(String name, Type type, boolean required) {

    /** How a field is stored. */
    public enum Type {
        TEXT("text"), NUMBER("numeric"), INTEGER("integer"), TEXT_ARRAY("text[]");

        private final String sqlType;

        Type(String sqlType) {
            this.sqlType = sqlType;
        }

        /** The PostgreSQL type to cast a bound value to. */
        public String sqlType() {
            return sqlType;
        }
    }

    static AssetField text(String name) {
        return new AssetField(name, Type.TEXT, false);
    }

    static AssetField requiredText(String name) {
        return new AssetField(name, Type.TEXT, true);
    }

    static AssetField number(String name) {
        return new AssetField(name, Type.NUMBER, false);
    }

    static AssetField requiredNumber(String name) {
        return new AssetField(name, Type.NUMBER, true);
    }

    static AssetField integer(String name) {
        return new AssetField(name, Type.INTEGER, false);
    }

    static AssetField requiredInteger(String name) {
        return new AssetField(name, Type.INTEGER, true);
    }
}

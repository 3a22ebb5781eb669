package io.gridhub.feeds.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gridhub.grid.AssetField;
import io.gridhub.grid.AssetSchema;
import io.gridhub.grid.AssetType;

/**
 * Column defaults of the grid store tables, read from the catalogue: the schema (Flyway) is their
 * one source. An absent optional value takes the column's default (voltage 10 kV, no ties), as a
 * plain INSERT would.
 */
final class StoreColumns {

    private StoreColumns() {
    }

    /** Default expressions of the table's NOT NULL columns that have one, by column name. */
    static Map<String, String> notNullDefaults(Connection c, AssetType type) throws SQLException {
        Map<String, String> d = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, column_default FROM information_schema.columns"
                + " WHERE table_schema = 'grid' AND table_name = ? AND is_nullable = 'NO' AND column_default IS NOT NULL")) {
            ps.setString(1, type.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    d.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return d;
    }

    /**
     * For each mapped field of the type, then {@code attributes}: the COPY text of the column's
     * default when the column is NOT NULL and has one, else null.
     */
    static String[] nullDefaults(Connection c, AssetType type) throws SQLException {
        Map<String, String> expressions = notNullDefaults(c, type);
        List<AssetField> fields = AssetSchema.fields(type);
        String[] out = new String[fields.size() + 1];
        try (Statement s = c.createStatement()) {
            for (int i = 0; i <= fields.size(); i++) {
                String expression = expressions.get(i < fields.size() ? fields.get(i).name() : "attributes");
                if (expression != null) {
                    // the expression comes from the catalogue of our own schema, not from input
                    try (ResultSet rs = s.executeQuery("SELECT (" + expression + ")::text")) {
                        rs.next();
                        out[i] = copyText(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    private static String copyText(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}

package io.gridhub.register;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The temporary tables of one customer feed run, on the run's connection: {@code register_stage}
 * (the accepted records, COPYed in as they stream) and {@code register_refused} (customer numbers
 * of quarantined records, which a full snapshot must not retire: their last good version stays).
 */
final class CustomerStaging implements AutoCloseable {

    private static final int FLUSH_BYTES = 1 << 20;

    private final Connection connection;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 4096);
    private final StringBuilder row = new StringBuilder(256);
    private final java.util.List<String> refused = new java.util.ArrayList<>();
    private CopyIn copy;
    private long staged;

    CustomerStaging(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement s = connection.createStatement()) {
            s.execute("""
                    CREATE TEMP TABLE register_stage (
                        customer_no text, name text, meter_no text, address text, usage_category text,
                        contracted_kva numeric, status text, service_unit text, transformer_area text,
                        transformer_ref text, feeder_ref text, lon float8, lat float8) ON COMMIT DROP
                    """);
            s.execute("CREATE TEMP TABLE register_refused (customer_no text) ON COMMIT DROP");
        }
    }

    long staged() {
        return staged;
    }

    void add(Customer c) throws SQLException {
        if (copy == null) {
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY register_stage FROM STDIN");
        }
        row.setLength(0);
        text(c.customerNo()).append('\t');
        text(c.name()).append('\t');
        text(c.meterNo()).append('\t');
        text(c.address()).append('\t');
        text(c.usageCategory().name()).append('\t');
        text(c.contractedKva().toPlainString()).append('\t');
        text(c.status().name()).append('\t');
        text(c.serviceUnit()).append('\t');
        text(c.transformerArea()).append('\t');
        text(c.transformerRef()).append('\t');
        text(c.feederRef()).append('\t');
        text(c.lon() == null ? null : c.lon().toString()).append('\t');
        text(c.lat() == null ? null : c.lat().toString()).append('\n');
        buffer.writeBytes(row.toString().getBytes(StandardCharsets.UTF_8));
        staged++;
        if (buffer.size() >= FLUSH_BYTES) {
            flush();
        }
    }

    void refused(String customerNo) {
        if (customerNo != null) {
            refused.add(customerNo);
        }
    }

    /** Ends the COPY and writes the refused numbers; the tables are then ready for the merge. */
    void finish() throws SQLException {
        if (copy != null) {
            flush();
            copy.endCopy();
            copy = null;
        }
        if (!refused.isEmpty()) {
            try (var ps = connection.prepareStatement("INSERT INTO register_refused SELECT unnest(?::text[])")) {
                ps.setArray(1, connection.createArrayOf("text", refused.toArray()));
                ps.executeUpdate();
            }
            refused.clear();
        }
        try (Statement s = connection.createStatement()) {
            s.execute("ANALYZE register_stage");
        }
    }

    @Override
    public void close() {
        if (copy != null) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the rollback that follows ends it anyway
            }
            copy = null;
        }
    }

    private void flush() throws SQLException {
        if (buffer.size() > 0) {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }

    /** A value in COPY text format: \N for null; backslash, tab and line breaks escaped. */
    private StringBuilder text(String s) {
        if (s == null) {
            return row.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return row;
    }
}

package io.gridhub.feeds.sync;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.gridhub.feeds.mapping.MappedAsset;
import io.gridhub.feeds.mapping.MappedLoad;
import io.gridhub.grid.AssetField;
import io.gridhub.grid.AssetSchema;
import io.gridhub.grid.AssetType;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A run's staging area: one temporary table per asset type (and one for loads) on the run's own
 * connection, filled with COPY as records stream in. Temporary tables vanish with the connection,
 * so a killed run leaves nothing behind. Each asset row carries a content hash (MD5 of the row's
 * mapped content, 64 bits kept) that the merge compares to skip unchanged records.
 */
public final class Staging implements AutoCloseable {

    private static final int FLUSH_BYTES = 1 << 16;
    static final String LOADS = "stage_loads";

    private final Connection connection;
    private final Map<AssetType, Long> staged = new EnumMap<>(AssetType.class);
    private long loadsStaged;
    private final WKBWriter wkb = new WKBWriter(2, true);
    private final MessageDigest md5;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES * 2);
    private final StringBuilder row = new StringBuilder(512);
    private CopyIn copy;
    private String copyTable;
    private boolean loadsCreated;

    public Staging(Connection connection) {
        this.connection = connection;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asset types staged so far, with their row counts. */
    public Map<AssetType, Long> stagedAssets() {
        return staged;
    }

    public long stagedLoads() {
        return loadsStaged;
    }

    static String table(AssetType type) {
        return "stage_" + type.table();
    }

    /** Stages one validated asset. */
    public void add(MappedAsset a) throws SQLException {
        AssetType type = a.type();
        if (!staged.containsKey(type)) {
            create(type);
            staged.put(type, 0L);
        }
        switchTo(table(type));
        row.setLength(0);
        text(a.sourceId()).append('\t');
        text(a.name()).append('\t');
        if (a.geometry() == null) {
            row.append("\\N");
        } else {
            row.append(WKBWriter.toHex(wkb.write(a.geometry())));
        }
        List<AssetField> fields = AssetSchema.fields(type);
        Object[] v = a.values();
        for (int i = 0; i < fields.size(); i++) {
            row.append('\t');
            value(v[i]);
        }
        row.append('\t');
        text(a.attributesJson());
        byte[] content = row.toString().getBytes(StandardCharsets.UTF_8);
        md5.reset();
        byte[] d = md5.digest(content);
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash = (hash << 8) | (d[i] & 0xff);
        }
        buffer.write(content, 0, content.length);
        byte[] tail = ("\t" + hash + "\n").getBytes(StandardCharsets.US_ASCII);
        buffer.write(tail, 0, tail.length);
        staged.merge(type, 1L, Long::sum);
        flushIfFull();
    }

    /** Stages one validated load with its raw content (for quarantine if its asset is unknown). */
    public void add(MappedLoad l, String raw) throws SQLException {
        if (!loadsCreated) {
            endCopy(); // one COPY at a time per connection: DDL waits for it otherwise
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TEMP TABLE " + LOADS + " (asset_type text, asset_ref text, period_start date,"
                        + " period_end date, peak_kw numeric, power_factor numeric, measured_at timestamptz, raw text)");
            }
            loadsCreated = true;
        }
        switchTo(LOADS);
        row.setLength(0);
        text(l.assetType().name()).append('\t');
        text(l.assetRef()).append('\t');
        row.append(l.periodStart()).append('\t').append(l.periodEnd()).append('\t');
        value(l.peakKw());
        row.append('\t');
        value(l.powerFactor());
        row.append('\t');
        if (l.measuredAt() == null) {
            row.append("\\N");
        } else {
            row.append(l.measuredAt());
        }
        row.append('\t');
        text(raw).append('\n');
        byte[] content = row.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(content, 0, content.length);
        loadsStaged++;
        flushIfFull();
    }

    /** Ends the COPY and gathers statistics so the merge plans well. */
    public void finish() throws SQLException {
        endCopy();
        try (Statement s = connection.createStatement()) {
            for (AssetType type : staged.keySet()) {
                // serves the retire anti-join and reference checks whatever the planner estimates
                s.execute("CREATE INDEX ON " + table(type) + " (source_id)");
                s.execute("ANALYZE " + table(type));
            }
            if (loadsCreated) {
                s.execute("ANALYZE " + LOADS);
            }
        }
    }

    private void create(AssetType type) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE ").append(table(type))
                .append(" (source_id text, name text, geom geometry");
        for (AssetField f : AssetSchema.fields(type)) {
            ddl.append(", ").append(f.name()).append(' ').append(f.type().sqlType());
        }
        ddl.append(", attributes jsonb, content_hash bigint)");
        endCopy();
        try (Statement s = connection.createStatement()) {
            s.execute(ddl.toString());
        }
    }

    private void switchTo(String table) throws SQLException {
        if (table.equals(copyTable)) {
            return;
        }
        endCopy();
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN");
        copyTable = table;
    }

    private void flushIfFull() throws SQLException {
        if (buffer.size() >= FLUSH_BYTES) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (buffer.size() > 0 && copy != null) {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }

    private void endCopy() throws SQLException {
        if (copy != null) {
            flush();
            copy.endCopy();
            copy = null;
            copyTable = null;
        }
    }

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

    private void value(Object v) {
        if (v == null) {
            row.append("\\N");
        } else if (v instanceof BigDecimal b) {
            row.append(b.toPlainString());
        } else if (v instanceof List<?> items) {
            StringBuilder array = new StringBuilder("{");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    array.append(',');
                }
                array.append('"').append(items.get(i).toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            text(array.append('}').toString());
        } else {
            text(v.toString());
        }
    }

    @Override
    public void close() throws SQLException {
        if (copy != null && copy.isActive()) {
            copy.cancelCopy();
        }
        copy = null;
    }
}

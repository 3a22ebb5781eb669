package io.gridhub.feeds.sync;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.gridhub.feeds.mapping.MappedAsset;
import io.gridhub.feeds.mapping.MappedLoad;
import io.gridhub.grid.AssetField;
import io.gridhub.grid.AssetSchema;
import io.gridhub.grid.AssetType;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Where a run's records go while the source is read, on the run's own connection and inside the
 * run's transaction (nothing is visible to readers before the merge commits; a killed run leaves
 * nothing behind). Every asset row carries a content hash ({@link Hash64#content} of the
 * record as mapped, before any column default) that tells unchanged records from changed ones. Each asset type takes one of two
 * routes, chosen when its first record arrives:
 * <ul>
 *   <li><b>direct</b>: the feed holds no asset of the type yet (its first load), so every record
 *       is new; rows are COPYed straight into the grid store table. No staging table, no second
 *       write, no upsert.</li>
 *   <li><b>staged</b>: rows are COPYed into a temporary table and merged by {@link FeedMerge}. In a
 *       full snapshot the store's content hashes of the feed are read first ({@link StoreHashes})
 *       and records whose content the store already holds are only counted, not staged.</li>
 * </ul>
 * Loads are always staged.
 */
public final class Staging implements AutoCloseable {

    private static final int FLUSH_BYTES = 1 << 16;
    static final String LOADS = "stage_loads";

    /** How one asset type of the run reaches the store. */
    enum Route { STAGED, DIRECT }

    /** What the run did with one asset type. */
    static final class TypeRun {
        final AssetType type;
        final Route route;
        /** The store's hashes of the feed (full snapshots on the staged route), else null. */
        final StoreHashes known;
        /** Per mapped field (then attributes): the COPY text of the column default for a null, direct route only. */
        final String[] nullDefaults;
        long written;
        long unchanged;
        final Envelope extent = new Envelope();
        /** Index definitions dropped for a bulk load into an empty table, built again at {@link #finish}. */
        List<String> deferredIndexes = List.of();

        TypeRun(AssetType type, Route route, StoreHashes known, String[] nullDefaults) {
            this.type = type;
            this.route = route;
            this.known = known;
            this.nullDefaults = nullDefaults;
        }

        String copyTarget() {
            return route == Route.DIRECT ? type.qualifiedTable() + directColumns(type) : table(type);
        }
    }

    private final Connection connection;
    private final String feedId;
    private final boolean fullSnapshot;
    private final Map<AssetType, TypeRun> types = new EnumMap<>(AssetType.class);
    private long loadsStaged;
    private final WKBWriter wkb = new WKBWriter(2, true);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES * 2);
    private final StringBuilder row = new StringBuilder(512);
    private final byte[] feedPrefix;
    private CopyIn copy;
    private String copyTable;
    private boolean loadsCreated;

    /**
     * @param connection   the run's connection, in the run's transaction
     * @param fullSnapshot whether the run is a full snapshot (unchanged records are then recognised
     *                     while reading)
     */
    public Staging(Connection connection, String feedId, boolean fullSnapshot) {
        this.connection = connection;
        this.feedId = feedId;
        this.fullSnapshot = fullSnapshot;
        row.setLength(0);
        this.feedPrefix = text(feedId).append('\t').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Asset types the run carried, with their record counts (written or recognised unchanged). */
    public Map<AssetType, Long> stagedAssets() {
        Map<AssetType, Long> m = new EnumMap<>(AssetType.class);
        types.forEach((t, r) -> m.put(t, r.written + r.unchanged));
        return m;
    }

    Map<AssetType, TypeRun> types() {
        return Collections.unmodifiableMap(types);
    }

    public long stagedLoads() {
        return loadsStaged;
    }

    static String table(AssetType type) {
        return "stage_" + type.table();
    }

    /** Stages one validated asset (or writes it to the store, or counts it unchanged). */
    public void add(MappedAsset a) throws SQLException {
        TypeRun t = types.get(a.type());
        if (t == null) {
            t = open(a.type());
            types.put(a.type(), t);
        }
        long hash = Hash64.content(a);
        if (t.known != null && t.known.seenUnchanged(Hash64.of(a.sourceId()), hash)) {
            t.unchanged++; // the store holds exactly this: no row to build
            return;
        }
        switchTo(t.copyTarget());
        buildRow(a, a.values(), t.nullDefaults, t.route == Route.DIRECT);
        if (t.route == Route.DIRECT) {
            buffer.write(feedPrefix, 0, feedPrefix.length);
            if (a.geometry() != null) {
                t.extent.expandToInclude(a.geometry().getEnvelopeInternal());
            }
        }
        row.append('\t').append(hash).append('\n');
        byte[] content = row.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(content, 0, content.length);
        t.written++;
        flushIfFull();
    }

    /**
     * Builds the row's COPY text (source_id, name, geom, the mapped fields, attributes) into
     * {@link #row}. With {@code substitute}, a null in a column that has a default (given by
     * {@code defaults}, direct route) is written as that default.
     */
    private void buildRow(MappedAsset a, Object[] v, String[] defaults, boolean substitute) {
        row.setLength(0);
        text(a.sourceId()).append('\t');
        text(a.name()).append('\t');
        if (a.geometry() == null) {
            row.append("\\N");
        } else {
            hex(wkb.write(a.geometry()));
        }
        List<AssetField> fields = AssetSchema.fields(a.type());
        for (int i = 0; i < fields.size(); i++) {
            row.append('\t');
            if (substitute && v[i] == null && defaults[i] != null) {
                row.append(defaults[i]);
            } else {
                value(v[i]);
            }
        }
        row.append('\t');
        if (substitute && a.attributesJson() == null && defaults[fields.size()] != null) {
            row.append(defaults[fields.size()]);
        } else {
            text(a.attributesJson());
        }
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

    /** Ends the COPY, builds indexes a bulk load deferred, and gathers statistics so the merge plans well. */
    public void finish() throws SQLException {
        endCopy();
        try (Statement s = connection.createStatement()) {
            for (TypeRun t : types.values()) {
                for (String index : t.deferredIndexes) {
                    s.execute(index);
                }
                if (!t.deferredIndexes.isEmpty()) {
                    // a table that was empty has no statistics: without them the merge's reference
                    // checks, and every siting query until autovacuum comes by, plan badly
                    s.execute("ANALYZE " + t.type.qualifiedTable());
                }
                if (t.route == Route.STAGED) {
                    // serves the retire anti-join and reference checks whatever the planner estimates
                    s.execute("CREATE INDEX ON " + table(t.type) + " (source_id)");
                    s.execute("ANALYZE " + table(t.type));
                }
            }
            if (loadsCreated) {
                s.execute("ANALYZE " + LOADS);
            }
        }
    }

    /** Chooses the route of a type at its first record. */
    private TypeRun open(AssetType type) throws SQLException {
        endCopy(); // queries and DDL wait for an open COPY otherwise
        long stored = storedRows(type);
        if (stored == 0) {
            TypeRun t = new TypeRun(type, Route.DIRECT, null, StoreColumns.nullDefaults(connection, type));
            t.deferredIndexes = deferIndexesIfEmpty(type);
            return t;
        }
        StoreHashes known = fullSnapshot ? StoreHashes.load(connection, type, feedId, stored) : null;
        StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE ").append(table(type))
                .append(" (source_id text, name text, geom geometry");
        for (AssetField f : AssetSchema.fields(type)) {
            ddl.append(", ").append(f.name()).append(' ').append(f.type().sqlType());
        }
        ddl.append(", attributes jsonb, content_hash bigint)");
        try (Statement s = connection.createStatement()) {
            s.execute(ddl.toString());
        }
        return new TypeRun(type, Route.STAGED, known, null);
    }

    /** The feed's stored rows of a type, any lifecycle: 0 means a first load. */
    private long storedRows(AssetType type) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT count(*) FROM " + type.qualifiedTable() + " WHERE feed_id = ?")) {
            ps.setString(1, feedId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * A bulk load into an empty table (a new hub's first load): the table's secondary indexes are
     * dropped inside the run's transaction and built once the rows are in, which is several times
     * cheaper than maintaining them row by row (a sorted GiST build for points, for one). Dropping
     * an index locks the table against readers until the run commits, so this happens only when
     * the lock is free at once and the table holds no row: readers then wait for the complete
     * grid instead of reading an empty table. Constraint indexes (key, unique) stay. On rollback
     * the indexes are back as they were.
     */
    private List<String> deferIndexesIfEmpty(AssetType type) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SAVEPOINT bulk_load");
            try {
                s.execute("LOCK TABLE " + type.qualifiedTable() + " IN ACCESS EXCLUSIVE MODE NOWAIT");
            } catch (SQLException busy) {
                s.execute("ROLLBACK TO SAVEPOINT bulk_load");
                return List.of();
            }
            boolean empty;
            try (ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + type.qualifiedTable() + ")")) {
                rs.next();
                empty = rs.getBoolean(1);
            }
            if (!empty) {
                s.execute("ROLLBACK TO SAVEPOINT bulk_load"); // releases the lock taken since the savepoint
                return List.of();
            }
            List<String> names = new java.util.ArrayList<>();
            List<String> definitions = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
                    + " FROM pg_index i WHERE i.indrelid = '" + type.qualifiedTable() + "'::regclass"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    definitions.add(rs.getString(2));
                }
            }
            for (String name : names) {
                s.execute("DROP INDEX " + name);
            }
            s.execute("RELEASE SAVEPOINT bulk_load");
            return definitions;
        }
    }

    private static String directColumns(AssetType type) {
        StringBuilder cols = new StringBuilder(" (feed_id, source_id, name, geom");
        for (AssetField f : AssetSchema.fields(type)) {
            cols.append(", ").append(f.name());
        }
        return cols.append(", attributes, content_hash)").toString();
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

    /** Appends a text value in COPY text format (\N for null; backslash, tab and line breaks escaped). */
    private StringBuilder text(String s) {
        if (s == null) {
            return row.append("\\N");
        }
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                break;
            }
            i++;
        }
        if (i == n) {
            return row.append(s);
        }
        row.append(s, 0, i);
        for (; i < n; i++) {
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

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private void hex(byte[] bytes) {
        for (byte b : bytes) {
            row.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
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

package io.gridhub.feeds.sync;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.gridhub.feeds.mapping.AssetMapper;
import io.gridhub.feeds.mapping.LoadMapper;
import io.gridhub.feeds.mapping.MappedAsset;
import io.gridhub.feeds.mapping.MappedLoad;
import io.gridhub.feeds.mapping.RecordRejected;
import io.gridhub.feeds.source.RecordSink;
import io.gridhub.feeds.source.SourceException;
import io.gridhub.feeds.source.SourceRecord;
import io.gridhub.feeds.validation.RecordValidator;
import io.gridhub.grid.AssetType;

/**
 * Where a run's records go as the source reads them: mapped, validated, checked for a duplicate
 * source id, then staged; a refused record is quarantined with its raw content and reason and the
 * run goes on. Quarantined rows are written in batches outside the merge transaction, so they stay
 * on record even when the run later fails.
 */
public final class RunSink implements RecordSink {

    /** Writes quarantine rows (run_id, feed_id, asset_type, source_id, reason, raw). */
    public interface QuarantineWriter {
        void write(List<Object[]> rows);
    }

    /** Reports progress. */
    public interface Progress {
        void report(String phase, long read, long quarantined);
    }

    private static final int QUARANTINE_BATCH = 500;

    private final UUID runId;
    private final String feedId;
    private final Function<AssetType, AssetMapper> mappers;
    private final LoadMapper loadMapper;
    private final RecordValidator validator;
    private final Staging staging;
    private final QuarantineWriter quarantine;
    private final Progress progress;
    private final int progressEvery;
    private final int rawMaxChars;
    private final Map<AssetType, AssetMapper> mapperCache = new EnumMap<>(AssetType.class);
    private final Map<AssetType, IdSet> seen = new EnumMap<>(AssetType.class);
    private final IdSet seenLoads = new IdSet();
    private final Map<AssetType, java.util.Set<String>> quarantinedIds = new EnumMap<>(AssetType.class);
    private final List<Object[]> pending = new ArrayList<>();
    private long read;
    private long quarantined;
    private String position = "reading";

    public RunSink(UUID runId, String feedId, Function<AssetType, AssetMapper> mappers, LoadMapper loadMapper,
                   RecordValidator validator, Staging staging, QuarantineWriter quarantine, Progress progress,
                   int progressEvery, int rawMaxChars) {
        this.runId = runId;
        this.feedId = feedId;
        this.mappers = mappers;
        this.loadMapper = loadMapper;
        this.validator = validator;
        this.staging = staging;
        this.quarantine = quarantine;
        this.progress = progress;
        this.progressEvery = progressEvery;
        this.rawMaxChars = rawMaxChars;
    }

    public long read() {
        return read;
    }

    public long quarantined() {
        return quarantined;
    }

    /** Per asset type, the source ids of records this run quarantined: their assets are not retired. */
    public Map<AssetType, java.util.Set<String>> quarantinedIds() {
        return quarantinedIds;
    }

    @Override
    public void asset(AssetType type, SourceRecord record) {
        counted();
        MappedAsset a;
        AssetMapper mapper = mapperCache.computeIfAbsent(type, mappers);
        try {
            a = validator.check(mapper.map(record));
            if (!seen.computeIfAbsent(type, t -> new IdSet()).add(a.sourceId())) {
                throw new RecordRejected("duplicate source id '" + a.sourceId() + "' within the run");
            }
        } catch (RecordRejected e) {
            String id = mapper.sourceIdOf(record);
            if (id != null) {
                quarantinedIds.computeIfAbsent(type, t -> new java.util.HashSet<>()).add(id);
            }
            reject(type.name(), id != null ? id : idOf(record), e.getMessage(), record.raw().get());
            return;
        }
        try {
            staging.add(a);
        } catch (SQLException e) {
            throw new SourceException("staging failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void load(SourceRecord record) {
        counted();
        MappedLoad l;
        String raw = record.raw().get();
        try {
            l = validator.check(loadMapper.map(record));
            if (!seenLoads.add(l.assetType() + "\u0000" + l.assetRef() + "\u0000" + l.periodStart())) {
                throw new RecordRejected("duplicate load for " + l.assetRef() + " in " + l.periodStart() + " within the run");
            }
        } catch (RecordRejected e) {
            reject("LOAD", null, e.getMessage(), raw);
            return;
        }
        try {
            staging.add(l, clip(raw));
        } catch (SQLException e) {
            throw new SourceException("staging failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void unreadable(AssetType type, String raw, String reason) {
        counted();
        reject(type == null ? null : type.name(), null, reason, raw);
    }

    @Override
    public void at(String where) {
        position = where;
        progress.report(position, read, quarantined);
    }

    /** Writes pending quarantine rows and the last progress. */
    public void flush() {
        quarantine.write(pending);
        pending.clear();
        progress.report(position, read, quarantined);
    }

    private void counted() {
        read++;
        if (read % progressEvery == 0) {
            progress.report(position, read, quarantined);
        }
    }

    private void reject(String type, String sourceId, String reason, String raw) {
        quarantined++;
        pending.add(new Object[] {runId, feedId, type, io.gridhub.feeds.source.ControlCharacters.strip(sourceId),
                io.gridhub.feeds.source.ControlCharacters.strip(reason), clip(raw)});
        if (pending.size() >= QUARANTINE_BATCH) {
            quarantine.write(pending);
            pending.clear();
        }
    }

    /** Raw content as kept: clipped, and without control characters (a NUL would fail the quarantine write). */
    private String clip(String raw) {
        String r = raw != null && raw.length() > rawMaxChars ? raw.substring(0, rawMaxChars) + "…" : raw;
        return io.gridhub.feeds.source.ControlCharacters.strip(r);
    }

    private static String idOf(SourceRecord r) {
        Object id = r.attributes().get("source_id");
        return id != null ? id.toString() : r.featureId();
    }
}

package io.gridhub.register;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.gridhub.feeds.FeedRunRepository;
import io.gridhub.feeds.mapping.RecordRejected;
import io.gridhub.feeds.source.RecordSink;
import io.gridhub.feeds.source.SourceException;
import io.gridhub.feeds.source.SourceRecord;
import io.gridhub.grid.AssetType;

/**
 * Where a customer feed run's records go as the source reads them: mapped and validated, checked
 * for a customer number repeated within the run, then staged; a refused record is quarantined
 * (asset type {@code CUSTOMER}) with its raw content and reason, and the run goes on. Sources call
 * {@link #load} or {@link #asset} depending on what they think a record is; for a customer feed
 * every record is a customer.
 */
final class CustomerRecordSink implements RecordSink {

    static final String QUARANTINE_TYPE = "CUSTOMER";
    private static final int QUARANTINE_BATCH = 500;

    private final UUID runId;
    private final String feedId;
    private final CustomerMapper mapper;
    private final CustomerStaging staging;
    private final FeedRunRepository runs;
    private final int progressEvery;
    private final int rawMaxChars;
    private final Set<String> seen = new HashSet<>();
    private final List<Object[]> pending = new ArrayList<>();
    private String position = "reading";
    private long read;
    private long quarantined;

    CustomerRecordSink(UUID runId, String feedId, CustomerMapper mapper, CustomerStaging staging, FeedRunRepository runs,
                       int progressEvery, int rawMaxChars) {
        this.runId = runId;
        this.feedId = feedId;
        this.mapper = mapper;
        this.staging = staging;
        this.runs = runs;
        this.progressEvery = progressEvery;
        this.rawMaxChars = rawMaxChars;
    }

    long read() {
        return read;
    }

    long quarantined() {
        return quarantined;
    }

    @Override
    public void asset(AssetType type, SourceRecord record) {
        load(record);
    }

    @Override
    public void load(SourceRecord record) {
        counted();
        Customer customer;
        try {
            customer = mapper.map(record);
            if (!seen.add(customer.customerNo())) {
                throw new RecordRejected("duplicate customer_no '" + customer.customerNo() + "' within the run");
            }
        } catch (RecordRejected e) {
            String customerNo = mapper.customerNoOf(record);
            // a refused record never retires its customer, but a repeat must not shield the first one
            if (customerNo != null && !seen.contains(customerNo)) {
                staging.refused(customerNo);
            }
            reject(customerNo, e.getMessage(), record.raw().get());
            return;
        }
        try {
            staging.add(customer);
        } catch (SQLException e) {
            throw new SourceException("staging failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void unreadable(AssetType type, String raw, String reason) {
        counted();
        reject(null, reason, raw);
    }

    @Override
    public void at(String where) {
        position = where;
        runs.progress(runId, position, read, quarantined);
    }

    /** Writes pending quarantine rows and the last progress. */
    void flush() {
        runs.quarantineBatch(pending);
        pending.clear();
        runs.progress(runId, position, read, quarantined);
    }

    private void counted() {
        read++;
        if (read % progressEvery == 0) {
            runs.progress(runId, position, read, quarantined);
        }
    }

    private void reject(String customerNo, String reason, String raw) {
        quarantined++;
        String clipped = raw != null && raw.length() > rawMaxChars ? raw.substring(0, rawMaxChars) + "…" : raw;
        pending.add(new Object[] {runId, feedId, QUARANTINE_TYPE, customerNo, reason, clipped});
        if (pending.size() >= QUARANTINE_BATCH) {
            runs.quarantineBatch(pending);
            pending.clear();
        }
    }
}

package io.gridhub.feeds.source;

import io.gridhub.grid.AssetType;

/** Receives records as a source reads them. */
public interface RecordSink {

    /** An asset record of a type. */
    void asset(AssetType type, SourceRecord record);

    /** A measured-load record (production MIS). */
    void load(SourceRecord record);

    /**
     * A record the source could read but not understand (for example a geometry that is not
     * GeoJSON): quarantined with the reason, and the run goes on.
     */
    void unreadable(AssetType type, String raw, String reason);

    /** Where the source is (a page, a file) for the run's progress display. */
    default void at(String position) {
    }
}

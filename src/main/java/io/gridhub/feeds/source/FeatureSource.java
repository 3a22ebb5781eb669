package io.gridhub.feeds.source;

import io.gridhub.feeds.FeedDefinition;

/**
 * A kind of source. Reads one run's worth of records into the sink, streaming; throws
 * {@link SourceException} when the source fails as a whole (unreachable after retries, malformed
 * page), which fails the run without applying anything.
 */
public interface FeatureSource {

    /**
     * Reads the feed's records.
     *
     * @param feedId the feed
     * @param feed its definition
     * @param watermark the last merged watermark (incremental JDBC polls), or null
     * @param sink where records go
     * @return the new watermark to store with the merge, or null
     */
    String read(String feedId, FeedDefinition feed, String watermark, RecordSink sink);
}

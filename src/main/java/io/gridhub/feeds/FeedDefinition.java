package io.gridhub.feeds;

import java.nio.file.Path;
import java.util.Map;

import io.gridhub.feeds.mapping.FieldMapping;
import io.gridhub.grid.AssetType;

/**
 * One feed as configured under {@code hub.feeds.<feed-id>}: where its records come from, what
 * they are, and how their attributes map onto the grid store's fields.
 *
 * @param kind source kind
 * @param enabled whether the feed is scheduled and watched (default true)
 * @param url WFS endpoint, OGC API landing page, ArcGIS layer URL or MIS JDBC URL
 * @param layer WFS type name, OGC API collection id (unused for ArcGIS, whose URL names the layer)
 * @param inbox folder watched for dropped files (file feeds); default {@code <data-dir>/<feed-id>/inbox}
 * @param assetType what the records are; file feeds may leave it empty and name files after the table
 * @param mode full snapshot (retires what disappeared) or incremental
 * @param schedule Quartz cron expression (seconds first); empty = manual and file-triggered only
 * @param crs source CRS: EPSG:4326, EPSG:4490, EPSG:4545, EPSG:4546 or GCJ-02
 * @param pageSize records per page for paged sources; the server's advertised limit wins if lower
 * @param username HTTP Basic or JDBC user
 * @param password its password
 * @param where ArcGIS {@code where} clause (default {@code 1=1})
 * @param outFields ArcGIS {@code outFields} (default {@code *})
 * @param sql MIS JDBC query; binds {@code :watermark} (the last merged watermark value)
 * @param watermarkColumn column of the MIS query that only grows; incremental polls resume after it
 * @param lookBack MIS JDBC: how far before the stored watermark a poll starts again (rows committed late
 *                 with an older timestamp); null = {@code hub.feed-policy.jdbc.look-back}
 * @param maxRetireShare this feed's retire guard (share 0–1 of its in-service assets of a type a full
 *                       snapshot may retire unforced); null = {@code hub.feed-policy.max-retire-share}
 * @param mapping hub field name → source attribute (with unit); unmapped fields are looked up by their own name
 */
public record FeedDefinition(
        FeedKind kind,
        Boolean enabled,
        String url,
        String layer,
        Path inbox,
        AssetType assetType,
        FeedMode mode,
        String schedule,
        String crs,
        Integer pageSize,
        String username,
        String password,
        String where,
        String outFields,
        String sql,
        String watermarkColumn,
        java.time.Duration lookBack,
        Double maxRetireShare,
        Map<String, FieldMapping> mapping) {

    public FeedDefinition {
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        if (kind == null) {
            throw new IllegalArgumentException("kind is missing");
        }
        if (maxRetireShare != null && !(maxRetireShare >= 0 && maxRetireShare <= 1)) {
            throw new IllegalArgumentException("max-retire-share must be within 0–1, got " + maxRetireShare);
        }
        if (lookBack != null && lookBack.isNegative()) {
            throw new IllegalArgumentException("look-back must not be negative, got " + lookBack);
        }
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    public FeedMode effectiveMode() {
        return mode == null ? FeedMode.FULL : mode;
    }

    public String effectiveCrs() {
        return crs == null || crs.isBlank() ? "EPSG:4490" : crs;
    }

    /** Whether the feed reads files from an inbox. */
    public boolean isFileDrop() {
        return kind == FeedKind.FILE || kind == FeedKind.MIS_LOAD_FILE || kind == FeedKind.MIS_CUSTOMER_FILE;
    }

    /** A copy for another inbox (used to resolve the default inbox). */
    public FeedDefinition withInbox(Path folder) {
        return new FeedDefinition(kind, enabled, url, layer, folder, assetType, mode, schedule, crs, pageSize,
                username, password, where, outFields, sql, watermarkColumn, lookBack, maxRetireShare, mapping);
    }

    /** A copy in another mode. */
    public FeedDefinition withMode(FeedMode other) {
        return new FeedDefinition(kind, enabled, url, layer, inbox, assetType, other, schedule, crs, pageSize,
                username, password, where, outFields, sql, watermarkColumn, lookBack, maxRetireShare, mapping);
    }

    @Override
    public String toString() {
        // never the password
        return "FeedDefinition[kind=" + kind + ", url=" + io.gridhub.feeds.source.Redaction.url(url) + ", layer=" + layer + ", inbox=" + inbox
                + ", assetType=" + assetType + ", mode=" + effectiveMode() + ", schedule=" + schedule + "]";
    }
}

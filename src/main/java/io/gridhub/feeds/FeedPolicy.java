package io.gridhub.feeds;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.gridhub.grid.AssetType;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules every feed run follows (keys {@code hub.feed-policy.*}): where inboxes live, plausible
 * rating ranges, HTTP retry and batching figures. The area records must fall in is the hub's one
 * {@link io.gridhub.geo.ServiceArea}.
 *
 * @param dataDir folder under which each file feed gets {@code <feed-id>/inbox}, {@code done}, {@code error}
 * @param defaultPageSize records per page when neither the feed nor the server says otherwise
 * @param http timeouts and retries of paged HTTP sources
 * @param progressEvery records read between two progress updates of the run record
 * @param rawMaxChars raw content kept per quarantined record
 * @param plausible per asset type and numeric field, the range a value must fall in
 * @param filePollDelay how often inboxes are polled
 * @param maxRetireShare largest share (0–1) of a feed's in-service assets of a type one full
 *                       snapshot may retire without being forced (feeds may set their own)
 * @param jdbc timeouts and look-back of MIS JDBC sources
 * @param files size caps of dropped files
 * @param maxDuplicatesListed cross-feed duplicates a run lists in its quarantine (all are counted)
 */
@ConfigurationProperties("hub.feed-policy")
public record FeedPolicy(
        Path dataDir,
        int defaultPageSize,
        Http http,
        int progressEvery,
        int rawMaxChars,
        Map<String, Map<String, Range>> plausible,
        Duration filePollDelay,
        Double maxRetireShare,
        Jdbc jdbc,
        Files files,
        Integer maxDuplicatesListed) {

    public FeedPolicy {
        plausible = plausible == null ? Map.of() : plausible;
        maxRetireShare = maxRetireShare == null ? 0.2 : maxRetireShare;
        jdbc = jdbc == null ? new Jdbc(null, null, null, null) : jdbc;
        files = files == null ? Files.DEFAULTS : files;
        maxDuplicatesListed = maxDuplicatesListed == null ? 1000 : maxDuplicatesListed;
    }

    /** The plausible range of a numeric field of an asset type, or null when none is configured. */
    public Range plausibleRange(AssetType type, String field) {
        for (Map.Entry<String, Map<String, Range>> byType : plausible.entrySet()) {
            if (!normal(byType.getKey()).equals(normal(type.table()))) {
                continue;
            }
            for (Map.Entry<String, Range> byField : byType.getValue().entrySet()) {
                if (normal(byField.getKey()).equals(normal(field))) {
                    return byField.getValue();
                }
            }
        }
        return null;
    }

    private static String normal(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Retries and bounds of paged HTTP sources: a timeout or 5xx is retried with exponential
     * back-off, then the run fails; a page that takes too long to arrive whole, is too large, or one
     * page too many fails the run (a server that ignores paging would otherwise repeat forever).
     *
     * @param connectTimeout TCP connect timeout
     * @param readTimeout time allowed for one page's response to start
     * @param retries attempts after the first
     * @param backoff wait before the first retry; doubled after each
     * @param pageTimeout time allowed for one page's whole body to arrive (a server trickling bytes)
     * @param maxPages requests one run may make to its server (pages, capabilities, layer)
     * @param maxPageBytes largest page body accepted
     * @param maxRedirects redirects followed per request
     */
    public record Http(Duration connectTimeout, Duration readTimeout, int retries, Duration backoff,
                       Duration pageTimeout, Integer maxPages, Integer maxPageBytes, Integer maxRedirects) {

        public Http {
            pageTimeout = pageTimeout == null ? Duration.ofMinutes(5) : pageTimeout;
            maxPages = maxPages == null ? 100_000 : maxPages;
            maxPageBytes = maxPageBytes == null ? 512 * 1024 * 1024 : maxPageBytes;
            maxRedirects = maxRedirects == null ? 5 : maxRedirects;
        }
    }

    /**
     * Bounds of MIS JDBC sources, so that a database that stops answering fails the run instead of
     * hanging it.
     *
     * @param loginTimeout time allowed to connect and log in
     * @param queryTimeout time allowed for the query to execute
     * @param socketTimeout longest silence of the database while rows stream
     * @param lookBack how far before the stored watermark a timestamp-watermarked poll starts again, so
     *                 rows committed late with an older timestamp are not skipped (a feed's
     *                 {@code look-back} wins)
     */
    public record Jdbc(Duration loginTimeout, Duration queryTimeout, Duration socketTimeout, Duration lookBack) {

        public Jdbc {
            lookBack = lookBack == null ? Duration.ofMinutes(10) : lookBack;
            loginTimeout = loginTimeout == null ? Duration.ofSeconds(30) : loginTimeout;
            queryTimeout = queryTimeout == null ? Duration.ofMinutes(30) : queryTimeout;
            socketTimeout = socketTimeout == null ? Duration.ofMinutes(10) : socketTimeout;
        }
    }

    /**
     * Caps on dropped files, which anyone with write access to an inbox controls: a file or archive
     * beyond them is refused (the run fails, the file goes to error/ with the reason).
     *
     * @param maxFileBytes largest file read
     * @param maxRecordBytes longest GeoJSONSeq line or CSV line
     * @param maxZipEntries most files in a zip archive (XLSX packages included)
     * @param maxZipBytes most bytes a zip archive may expand to, all entries together
     * @param maxZipRatio largest expansion of a zip entry (uncompressed ÷ compressed size)
     * @param maxWktDepth deepest nesting of parentheses in a WKT geometry (a multipolygon needs 3)
     */
    public record Files(Long maxFileBytes, Integer maxRecordBytes, Integer maxZipEntries, Long maxZipBytes,
                        Integer maxZipRatio, Integer maxWktDepth) {

        public static final Files DEFAULTS = new Files(null, null, null, null, null, null);

        public Files {
            maxFileBytes = maxFileBytes == null ? 4L << 30 : maxFileBytes;
            maxRecordBytes = maxRecordBytes == null ? 16 << 20 : maxRecordBytes;
            maxZipEntries = maxZipEntries == null ? 1000 : maxZipEntries;
            maxZipBytes = maxZipBytes == null ? 8L << 30 : maxZipBytes;
            maxZipRatio = maxZipRatio == null ? 200 : maxZipRatio;
            maxWktDepth = maxWktDepth == null ? 8 : maxWktDepth;
        }
    }

    /** An inclusive range of plausible values. */
    public record Range(double min, double max) {
        public boolean contains(double v) {
            return v >= min && v <= max;
        }
    }
}

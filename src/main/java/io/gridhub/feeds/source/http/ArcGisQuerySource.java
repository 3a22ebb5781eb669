package io.gridhub.feeds.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedPolicy;
import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.feeds.source.FeatureSource;
import io.gridhub.feeds.source.RecordSink;
import io.gridhub.feeds.source.Redaction;
import io.gridhub.feeds.source.SourceException;

/**
 * ArcGIS REST FeatureServer/MapServer layer {@code query} with {@code f=geojson}: the layer's
 * {@code maxRecordCount} (from the layer resource) caps the page; pages follow
 * {@code resultOffset} while the server says {@code exceededTransferLimit} (ArcGIS puts it at the
 * top level or under {@code properties}). {@code where} and {@code outFields} come from the feed;
 * the output SRS is requested explicitly ({@code outSR}). An ArcGIS error object (often with
 * HTTP 200) fails the run.
 */
public final class ArcGisQuerySource implements FeatureSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeedPolicy policy;

    public ArcGisQuerySource(FeedPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String read(String feedId, FeedDefinition feed, String watermark, RecordSink sink) {
        if (feed.url() == null || feed.assetType() == null) {
            throw new SourceException("an ArcGIS feed needs url (the layer, …/FeatureServer/0) and asset-type");
        }
        HttpPages http = new HttpPages(policy.http(), feed);
        String layer = feed.url().replaceAll("/+$", "");
        int pageSize = feed.pageSize() != null ? feed.pageSize() : policy.defaultPageSize();
        sink.at("layer description");
        JsonNode info = json(http.get(HttpPages.url(layer, HttpPages.params("f", "json"))), layer);
        error(info, layer);
        long maxRecordCount = info.path("maxRecordCount").asLong(-1);
        if (maxRecordCount > 0) {
            pageSize = (int) Math.min(pageSize, maxRecordCount);
        }
        SourceCrs.Kind crs = SourceCrs.kindOf(feed.effectiveCrs());
        String outSr = crs == SourceCrs.Kind.GCJ_02 ? null : crs.name().substring(5);
        Pages pages = new Pages();
        long offset = 0;
        while (true) {
            String url = HttpPages.url(layer + "/query", HttpPages.params(
                    "where", feed.where() == null ? "1=1" : feed.where(),
                    "outFields", feed.outFields() == null ? "*" : feed.outFields(),
                    "returnGeometry", "true", "outSR", outSr, "f", "geojson",
                    "orderByFields", info.path("objectIdField").asText(null),
                    "resultOffset", offset, "resultRecordCount", pageSize));
            sink.at("page at " + offset);
            Pages.Page page = pages.read(http.get(url), url, feed.assetType(), sink);
            error(page.top(), url);
            offset += page.features();
            boolean exceeded = page.top().path("exceededTransferLimit").asBoolean(false)
                    || page.top().path("properties").path("exceededTransferLimit").asBoolean(false);
            if (!exceeded) {
                break;
            }
            if (page.features() == 0) {
                throw new SourceException("the server says exceededTransferLimit but sent no features at offset " + offset);
            }
        }
        return null;
    }

    private static JsonNode json(java.io.InputStream in, String url) {
        try {
            return JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new SourceException("not JSON from " + Redaction.url(url) + ": " + e.getMessage(), e);
        }
    }

    private static void error(JsonNode top, String url) {
        JsonNode e = top.get("error");
        if (e != null && !e.isNull()) {
            throw new SourceException("ArcGIS error " + e.path("code").asText() + ": " + e.path("message").asText()
                    + (e.path("details").isEmpty() ? "" : " " + e.path("details")) + " (" + url + ")");
        }
    }
}

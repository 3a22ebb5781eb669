package io.gridhub.feeds.source.http;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedPolicy;
import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.feeds.source.FeatureSource;
import io.gridhub.feeds.source.RecordSink;
import io.gridhub.feeds.source.Redaction;
import io.gridhub.feeds.source.SourceException;

/**
 * OGC API – Features: {@code {url}/collections/{layer}/items?limit=…}, following each page's
 * {@code next} link until there is none. Without a {@code crs} parameter the server answers in
 * CRS84 (lon/lat WGS84); a feed configured with another EPSG code asks for it (Part 2).
 */
public final class OgcApiFeaturesSource implements FeatureSource {

    private final FeedPolicy policy;

    public OgcApiFeaturesSource(FeedPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String read(String feedId, FeedDefinition feed, String watermark, RecordSink sink) {
        if (feed.url() == null || feed.layer() == null || feed.assetType() == null) {
            throw new SourceException("an OGC API – Features feed needs url, layer (collection id) and asset-type");
        }
        HttpPages http = new HttpPages(policy.http(), feed);
        int limit = feed.pageSize() != null ? feed.pageSize() : policy.defaultPageSize();
        SourceCrs.Kind crs = SourceCrs.kindOf(feed.effectiveCrs());
        String crsUri = switch (crs) {
            case EPSG_4326, GCJ_02 -> null;
            default -> "http://www.opengis.net/def/crs/EPSG/0/" + crs.name().substring(5);
        };
        String base = feed.url().replaceAll("/+$", "");
        String url = HttpPages.url(base + "/collections/" + feed.layer() + "/items",
                HttpPages.params("f", "json", "limit", limit, "crs", crsUri));
        Pages pages = new Pages();
        Set<String> visited = new HashSet<>();
        long total = 0;
        long matched = -1;
        while (url != null) {
            if (!visited.add(url)) {
                throw new SourceException("the server's next link loops back to " + Redaction.url(url));
            }
            sink.at("page " + visited.size());
            Pages.Page page = pages.read(http.get(url), url, feed.assetType(), sink);
            total += page.features();
            if (matched < 0) {
                matched = Pages.number(page.top(), "numberMatched");
            }
            url = null;
            for (JsonNode link : page.top().path("links")) {
                if ("next".equals(link.path("rel").asText())) {
                    url = link.path("href").asText(null);
                }
            }
            if (url != null && page.features() == 0) {
                throw new SourceException("an empty page still links to a next page; refusing to loop");
            }
        }
        if (matched >= 0 && matched != total) {
            throw new SourceException("the server reported numberMatched " + matched + " but " + total + " features arrived");
        }
        return null;
    }
}

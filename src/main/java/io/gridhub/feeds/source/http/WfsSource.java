package io.gridhub.feeds.source.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedPolicy;
import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.feeds.source.FeatureSource;
import io.gridhub.feeds.source.RecordSink;
import io.gridhub.feeds.source.SourceException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * OGC WFS 2.0 {@code GetFeature} with GeoJSON output, paged by {@code STARTINDEX}/{@code COUNT}.
 * GetCapabilities first: the GeoJSON output format is taken from what the server lists, and the
 * page size is capped at the server's {@code CountDefault}. The SRS is always requested
 * explicitly. When the server reports {@code numberMatched}, the run fails unless exactly that
 * many features arrived.
 */
public final class WfsSource implements FeatureSource {

    private final FeedPolicy policy;

    public WfsSource(FeedPolicy policy) {
        this.policy = policy;
    }

    /** What GetCapabilities told. */
    record Capabilities(long countDefault, List<String> outputFormats) {}

    @Override
    public String read(String feedId, FeedDefinition feed, String watermark, RecordSink sink) {
        if (feed.url() == null || feed.layer() == null || feed.assetType() == null) {
            throw new SourceException("a WFS feed needs url, layer (type name) and asset-type");
        }
        HttpPages http = new HttpPages(policy.http(), feed);
        sink.at("GetCapabilities");
        Capabilities caps = capabilities(http.get(HttpPages.url(feed.url(),
                HttpPages.params("SERVICE", "WFS", "VERSION", "2.0.0", "REQUEST", "GetCapabilities"))));
        String format = geoJsonFormat(caps.outputFormats());
        int requested = feed.pageSize() != null ? feed.pageSize() : policy.defaultPageSize();
        long count = caps.countDefault() > 0 ? Math.min(requested, caps.countDefault()) : requested;
        SourceCrs.Kind crs = SourceCrs.kindOf(feed.effectiveCrs());
        String srsName = crs == SourceCrs.Kind.GCJ_02 ? null : "EPSG:" + crs.name().substring(5);
        Pages pages = new Pages();
        long start = 0;
        long matched = -1;
        while (true) {
            String url = HttpPages.url(feed.url(), HttpPages.params("SERVICE", "WFS", "VERSION", "2.0.0",
                    "REQUEST", "GetFeature", "TYPENAMES", feed.layer(), "OUTPUTFORMAT", format,
                    "SRSNAME", srsName, "STARTINDEX", start, "COUNT", count));
            sink.at("page at " + start);
            Pages.Page page = pages.read(http.get(url), url, feed.assetType(), sink);
            long m = Pages.number(page.top(), "numberMatched");
            if (m >= 0) {
                matched = m;
            }
            start += page.features();
            if (page.features() < count) {
                break;
            }
        }
        if (matched >= 0 && matched != start) {
            throw new SourceException("the server reported numberMatched " + matched + " but " + start
                    + " features arrived: the layer changed during the run or paging is unstable; run again");
        }
        return null;
    }

    static Capabilities capabilities(InputStream xml) {
        Document doc;
        try {
            doc = io.gridhub.api.SafeXml.parse(xml);
        } catch (SAXException | IOException e) {
            throw new SourceException("GetCapabilities is not readable XML: " + e.getMessage(), e);
        }
        long countDefault = -1;
        List<String> formats = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String local = e.getLocalName();
            if ("Constraint".equals(local) && "CountDefault".equalsIgnoreCase(e.getAttribute("name"))) {
                String v = childText(e, "DefaultValue");
                if (v != null) {
                    try {
                        countDefault = Long.parseLong(v.trim());
                    } catch (NumberFormatException ignored) {
                        // unusable limit: keep the configured page size
                    }
                }
            }
            if ("Parameter".equals(local) && "outputFormat".equalsIgnoreCase(e.getAttribute("name"))
                    && e.getParentNode() instanceof Element op && "GetFeature".equals(op.getAttribute("name"))) {
                NodeList values = e.getElementsByTagNameNS("*", "Value");
                for (int j = 0; j < values.getLength(); j++) {
                    formats.add(values.item(j).getTextContent().trim());
                }
            }
        }
        if (doc.getDocumentElement().getLocalName().contains("Exception")) {
            throw new SourceException("GetCapabilities failed: " + doc.getDocumentElement().getTextContent().strip());
        }
        return new Capabilities(countDefault, formats);
    }

    private static String childText(Element e, String local) {
        NodeList children = e.getElementsByTagNameNS("*", local);
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            return n.getTextContent();
        }
        return null;
    }

    /** The server's GeoJSON output format name, preferring the standard media type. */
    static String geoJsonFormat(List<String> formats) {
        for (String f : formats) {
            String l = f.toLowerCase(Locale.ROOT);
            if (l.contains("geo+json") || l.contains("subtype=geojson")) {
                return f;
            }
        }
        for (String f : formats) {
            if (f.toLowerCase(Locale.ROOT).contains("json")) {
                return f;
            }
        }
        throw new SourceException("the server lists no GeoJSON output format for GetFeature (found " + formats + ")");
    }
}

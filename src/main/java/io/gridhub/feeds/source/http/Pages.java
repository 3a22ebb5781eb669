package io.gridhub.feeds.source.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridhub.feeds.source.GeoJsonFeatures;
import io.gridhub.feeds.source.RecordSink;
import io.gridhub.feeds.source.Redaction;
import io.gridhub.feeds.source.SourceException;
import io.gridhub.feeds.source.SourceRecord;
import io.gridhub.grid.AssetType;

/** Reads one GeoJSON page into the sink and returns its count and top-level members. */
final class Pages {

    private final GeoJsonFeatures geoJson = new GeoJsonFeatures();
    /** The first feature of the previous page: a page starting with it again means the server ignores paging. */
    private String previousFirst;
    private int pageNumber;

    record Page(long features, ObjectNode top) {}

    Page read(InputStream body, String url, AssetType type, RecordSink sink) {
        try {
            body.mark(1 << 12);
            byte[] head = body.readNBytes(1 << 12);
            body.reset();
            String start = new String(head, StandardCharsets.UTF_8).stripLeading();
            if (start.startsWith("<")) {
                // OGC services answer errors as an XML exception report, often with HTTP 200
                String text = new String(body.readNBytes(2000), StandardCharsets.UTF_8);
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("<(?:\\w+:)?ExceptionText>(.*?)</(?:\\w+:)?ExceptionText>", java.util.regex.Pattern.DOTALL)
                        .matcher(text);
                throw new SourceException("the server answered with an error instead of GeoJSON: "
                        + Redaction.message(m.find() ? m.group(1).strip() : text.strip()) + " (" + Redaction.url(url) + ")");
            }
            long[] n = {0};
            pageNumber++;
            ObjectNode top = geoJson.readCollection(body, new GeoJsonFeatures.FeatureHandler() {
                @Override
                public void record(SourceRecord r) {
                    if (n[0] == 0) {
                        String first = r.raw().get();
                        if (first.equals(previousFirst)) {
                            throw new SourceException("page " + pageNumber + " starts with the same feature as page "
                                    + (pageNumber - 1) + ": the server ignores the paging offset and would repeat it forever");
                        }
                        previousFirst = first;
                    }
                    n[0]++;
                    sink.asset(type, r);
                }

                @Override
                public void unreadable(String raw, String reason) {
                    n[0]++;
                    sink.unreadable(type, raw, reason);
                }
            });
            return new Page(n[0], top);
        } catch (IOException e) {
            throw new SourceException("cannot read page " + Redaction.url(url) + ": " + e.getMessage(), e);
        } catch (SourceException e) {
            throw new SourceException(e.getMessage() + " (" + Redaction.url(url) + ")", e);
        }
    }

    /** A number member of the top level, or -1 when absent or not a number. */
    static long number(ObjectNode top, String name) {
        return top.path(name).isNumber() ? top.path(name).asLong() : -1;
    }
}

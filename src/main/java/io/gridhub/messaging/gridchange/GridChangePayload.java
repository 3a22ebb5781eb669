package io.gridhub.messaging.gridchange;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;


import io.gridhub.grid.AssetType;
import io.gridhub.grid.GridChanged;
import io.gridhub.messaging.iec61968.InvalidMessageException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Payload of a {@code changed GridChange} event (namespace {@code urn:gridhub:grid:1}): one
 * {@link GridChanged} and the hub instance it came from.
 *
 * <pre>{@code <GridChange xmlns="urn:gridhub:grid:1" origin="…">
 *   <FeedId>gis-wfs</FeedId><RunId>…</RunId><At>2026-12-02T20:00:00Z</At><LoadsChanged>false</LoadsChanged>
 *   <Changed type="DISTRIBUTION_TRANSFORMER">20</Changed>
 *   <Extent minLon="109.9" minLat="39.5" maxLon="110.1" maxLat="39.7"/>
 * </GridChange>}</pre>
 */
final class GridChangePayload {

    static final String NS = "urn:gridhub:grid:1";

    /** A grid change as heard on the topic. */
    record Heard(String origin, GridChanged change) {}

    private GridChangePayload() {
    }

    static String write(GridChanged e, String origin) {
        StringBuilder x = new StringBuilder("<GridChange xmlns=\"").append(NS).append("\" origin=\"")
                .append(escape(origin)).append("\">");
        x.append("<FeedId>").append(escape(e.feedId())).append("</FeedId>");
        x.append("<RunId>").append(escape(e.runId())).append("</RunId>");
        x.append("<At>").append(e.at()).append("</At>");
        x.append("<LoadsChanged>").append(e.loadsChanged()).append("</LoadsChanged>");
        Map<AssetType, Long> changed = new EnumMap<>(AssetType.class);
        changed.putAll(e.changed());
        changed.forEach((type, n) ->
                x.append("<Changed type=\"").append(type.name()).append("\">").append(n).append("</Changed>"));
        double[] b = e.extent();
        if (b != null && b.length == 4) {
            x.append("<Extent minLon=\"").append(b[0]).append("\" minLat=\"").append(b[1]).append("\" maxLon=\"")
                    .append(b[2]).append("\" maxLat=\"").append(b[3]).append("\"/>");
        }
        return x.append("</GridChange>").toString();
    }

    static Heard read(String payloadXml) {
        Element root;
        try {
            root = io.gridhub.api.SafeXml.parse(payloadXml).getDocumentElement();
        } catch (Exception e) {
            throw new InvalidMessageException("GridChange payload is not readable XML: " + e.getMessage(), e);
        }
        if (!"GridChange".equals(root.getLocalName()) || !NS.equals(root.getNamespaceURI())) {
            throw new InvalidMessageException("Payload is not a GridChange in " + NS);
        }
        String feedId = null;
        String runId = null;
        Instant at = null;
        boolean loads = false;
        double[] extent = null;
        Map<AssetType, Long> changed = new EnumMap<>(AssetType.class);
        try {
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element el)) {
                    continue;
                }
                String text = el.getTextContent().strip();
                switch (el.getLocalName()) {
                    case "FeedId" -> feedId = text;
                    case "RunId" -> runId = text;
                    case "At" -> at = Instant.parse(text);
                    case "LoadsChanged" -> loads = Boolean.parseBoolean(text);
                    case "Changed" -> changed.put(AssetType.valueOf(el.getAttribute("type")), Long.parseLong(text));
                    case "Extent" -> extent = new double[] {Double.parseDouble(el.getAttribute("minLon")),
                            Double.parseDouble(el.getAttribute("minLat")), Double.parseDouble(el.getAttribute("maxLon")),
                            Double.parseDouble(el.getAttribute("maxLat"))};
                    default -> { }
                }
            }
        } catch (RuntimeException e) {
            throw new InvalidMessageException("GridChange payload has a bad field: " + e.getMessage(), e);
        }
        if (feedId == null || runId == null || at == null) {
            throw new InvalidMessageException("GridChange payload needs FeedId, RunId and At");
        }
        return new Heard(root.getAttribute("origin"), new GridChanged(feedId, runId, changed, loads, extent, at));
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

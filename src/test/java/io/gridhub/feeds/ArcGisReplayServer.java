package io.gridhub.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An ArcGIS Server stand-in on loopback: replays recorded-format responses of a FeatureServer
 * layer (layer description with maxRecordCount 8, f=geojson query pages by resultOffset with
 * exceededTransferLimit), and a layer that only ever answers 503. Every request is logged.
 */
public class ArcGisReplayServer implements BeforeAllCallback {

    static final List<Map<String, String>> REQUESTS = new CopyOnWriteArrayList<>();

    static int port() {
        return io.gridhub.TestPorts.port(io.gridhub.TestPorts.ARCGIS);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent("arcgis", k -> {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port()), 0);
                server.createContext("/arcgis/rest/services/Grid/FeatureServer/3", ArcGisReplayServer::grid);
                server.createContext("/arcgis/rest/services/Flaky/FeatureServer/0", ex -> {
                    REQUESTS.add(Map.of("path", ex.getRequestURI().getPath()));
                    send(ex, 503, "<html><body>Service Unavailable</body></html>");
                });
                server.start();
                return (ExtensionContext.Store.CloseableResource) () -> server.stop(0);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the ArcGIS replay server on port " + port(), e);
            }
        }, ExtensionContext.Store.CloseableResource.class);
    }

    private static void grid(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        q.put("path", ex.getRequestURI().getPath());
        REQUESTS.add(q);
        String path = ex.getRequestURI().getPath();
        if (path.endsWith("/3")) {
            send(ex, 200, resource("layer-3.json"));
        } else if (path.endsWith("/3/query") && "geojson".equals(q.get("f"))) {
            String page = "query-" + q.getOrDefault("resultOffset", "0") + ".json";
            String body = resource(page);
            // real servers answer an unknown format or bad offset with an error object and HTTP 200
            send(ex, 200, body != null ? body
                    : "{\"error\":{\"code\":400,\"message\":\"Unable to complete operation.\",\"details\":[\"Invalid query parameters.\"]}}");
        } else {
            send(ex, 404, "{\"error\":{\"code\":404,\"message\":\"Not found\"}}");
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ArcGisReplayServer.class.getResourceAsStream("/feeds/arcgis/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String p : raw.split("&")) {
                int eq = p.indexOf('=');
                q.put(URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", status == 200 ? "application/geo+json; charset=utf-8" : "text/html");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}

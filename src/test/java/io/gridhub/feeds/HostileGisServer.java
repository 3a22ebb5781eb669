package io.gridhub.feeds;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gridhub.TestPorts;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A GIS server that misbehaves on demand, on loopback: each test says what a path answers (an
 * empty layer, a page that repeats, a body that never ends, a redirect to another host) and reads
 * back the requests the hub made, headers included. Speaks plain HTTP as the real servers do; the
 * feeds {@code test-hostile-*} point at it.
 */
public class HostileGisServer implements BeforeAllCallback {

    /** What a path answers. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** A request as the server saw it. */
    record Seen(String path, String query, String authorization, String host) {}

    static final List<Seen> REQUESTS = new CopyOnWriteArrayList<>();
    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();

    static int port() {
        return TestPorts.port(TestPorts.HOSTILE_GIS);
    }

    static String base() {
        return "http://127.0.0.1:" + port();
    }

    /** From now on, requests whose path starts with {@code prefix} get this answer. */
    static void on(String prefix, Answer answer) {
        ANSWERS.put(prefix, answer);
    }

    static void reset() {
        ANSWERS.clear();
        REQUESTS.clear();
    }

    static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void json(HttpExchange ex, String body) throws IOException {
        send(ex, 200, "application/geo+json", body);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent("hostile-gis", k -> {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port()), 0);
                server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
                server.createContext("/", ex -> {
                    REQUESTS.add(new Seen(ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                            ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("Host")));
                    String path = ex.getRequestURI().getPath();
                    Answer answer = ANSWERS.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                            .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
                            .map(Map.Entry::getValue).orElse(null);
                    try {
                        if (answer == null) {
                            send(ex, 404, "text/plain", "nothing configured for " + path);
                        } else {
                            answer.answer(ex);
                        }
                    } catch (IOException e) {
                        // the hub hung up (a timeout, a size cap): that is what some tests want
                    } finally {
                        ex.close();
                    }
                });
                server.start();
                return (ExtensionContext.Store.CloseableResource) () -> server.stop(0);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the hostile GIS server on port " + port(), e);
            }
        }, ExtensionContext.Store.CloseableResource.class);
    }
}

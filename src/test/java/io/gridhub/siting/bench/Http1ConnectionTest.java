package io.gridhub.siting.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The soak driver's HTTP/1.1 client against the JDK's HTTP server: answers with a length and chunked
 * answers are read whole, so the next exchange on the same connection starts at the next answer; a
 * server's {@code Connection: close} makes the connection not reusable; a late answer times out.
 */
class Http1ConnectionTest {

    private HttpServer server;
    private final List<String> clients = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/length", x -> {
            clients.add(x.getRemoteAddress().toString());
            bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] b = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.createContext("/chunked", x -> {
            clients.add(x.getRemoteAddress().toString());
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(201, 0); // 0: chunked
            for (int i = 0; i < 50; i++) {
                x.getResponseBody().write(("part " + i + " ").repeat(400).getBytes(StandardCharsets.UTF_8));
                x.getResponseBody().flush();
            }
            x.close();
        });
        server.createContext("/close", x -> {
            x.getRequestBody().readAllBytes();
            x.getResponseHeaders().add("Connection", "close");
            x.sendResponseHeaders(503, -1); // no body
            x.close();
        });
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void readsAnswersWithALengthAndChunkedOnesOnOneConnection() throws IOException {
        String headers = "Content-Type: application/json\r\nCookie: JSESSIONID=x\r\n";
        try (Http1Connection c = new Http1Connection(url("/"), 2_000)) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.exchange(Http1Connection.post(url("/length"), headers, "{\"n\": \"站点" + i + "\"}"), 2_000))
                        .isEqualTo(200);
                assertThat(c.exchange(Http1Connection.post(url("/chunked"), headers, "{}"), 2_000)).isEqualTo(201);
                assertThat(c.reusable()).isTrue();
            }
        }
        assertThat(clients).hasSize(6).allMatch(clients.get(0)::equals);
        assertThat(bodies).containsExactly("{\"n\": \"站点0\"}", "{\"n\": \"站点1\"}", "{\"n\": \"站点2\"}");
    }

    @Test
    void aServerThatClosesMakesTheConnectionNotReusable() throws IOException {
        try (Http1Connection c = new Http1Connection(url("/"), 2_000)) {
            assertThat(c.exchange(Http1Connection.post(url("/close"), "", "{}"), 2_000)).isEqualTo(503);
            assertThat(c.reusable()).isFalse();
        }
    }

    @Test
    void aLateAnswerTimesOut() throws IOException {
        try (Http1Connection c = new Http1Connection(url("/"), 2_000)) {
            assertThatThrownBy(() -> c.exchange(Http1Connection.post(url("/slow"), "", "{}"), 200))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }
}

package io.gridhub.feeds.source.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedPolicy;
import io.gridhub.feeds.source.Redaction;
import io.gridhub.feeds.source.SourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches pages over HTTP: a timeout, a connection failure or a 5xx is retried after a back-off
 * that doubles each time; when the retries are used up, or on a 4xx, the source fails (and with it
 * the run: never a silently shortened snapshot). A page is read whole before it is parsed, so a
 * retry never delivers records twice.
 *
 * <p>Bounded, because the server is not ours: a page must arrive whole within
 * {@code page-timeout} and {@code max-page-bytes}, a run makes at most {@code max-pages} requests.
 * Redirects are followed here, not by the HTTP client, so that the feed's Basic credentials go only
 * to the configured scheme, host and port (never to a {@code next} link or redirect elsewhere).
 * Addresses in messages and logs are {@link Redaction redacted}.
 */
public final class HttpPages {

    private static final Logger log = LoggerFactory.getLogger(HttpPages.class);
    private final HttpClient client;
    private final FeedPolicy.Http policy;
    private final String authorization;
    private final URI origin;
    private int requests;

    public HttpPages(FeedPolicy.Http policy, FeedDefinition feed) {
        this.policy = policy;
        this.client = HttpClient.newBuilder().connectTimeout(policy.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.origin = feed.url() == null ? null : URI.create(feed.url());
        this.authorization = feed.username() == null || feed.username().isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString((feed.username() + ":"
                + (feed.password() == null ? "" : feed.password())).getBytes(StandardCharsets.UTF_8));
    }

    /** GETs a URL and returns the body, retrying transient failures. */
    public InputStream get(String url) {
        if (++requests > policy.maxPages()) {
            throw new SourceException("more than " + policy.maxPages() + " requests in one run (hub.feed-policy.http.max-pages):"
                    + " the server does not stop paging; " + Redaction.url(url));
        }
        Duration wait = policy.backoff();
        for (int attempt = 0; ; attempt++) {
            String problem;
            try {
                return fetch(url);
            } catch (Transient e) {
                problem = e.getMessage();
            } catch (HttpTimeoutException e) {
                problem = "timed out after " + policy.readTimeout().toMillis() + " ms";
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Redaction.message(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException("interrupted while fetching " + Redaction.url(url), e);
            }
            if (attempt >= policy.retries()) {
                throw new SourceException(problem + " from " + Redaction.url(url) + " (after " + (attempt + 1) + " attempts)");
            }
            log.warn("{} from {}; retry {} of {} in {} ms", problem, Redaction.url(url), attempt + 1, policy.retries(),
                    wait.toMillis());
            sleep(wait);
            wait = wait.multipliedBy(2);
        }
    }

    /** One attempt: follows redirects itself, reads the body whole within the page timeout and size cap. */
    private InputStream fetch(String url) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(policy.readTimeout())
                    .header("Accept", "application/geo+json, application/json;q=0.9, */*;q=0.5").GET();
            if (authorization != null && sameOrigin(uri)) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> response = send(request.build(), uri);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null || redirects >= policy.maxRedirects()) {
                    throw new SourceException("HTTP " + status + (location == null ? " without a Location" : " after "
                            + redirects + " redirects") + " from " + Redaction.url(uri.toString()));
                }
                uri = uri.resolve(location);
                continue;
            }
            if (status >= 200 && status < 300) {
                return new ByteArrayInputStream(response.body());
            }
            byte[] body = response.body();
            String text = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
            if (status < 500 && status != 429) {
                throw new SourceException("HTTP " + status + " from " + Redaction.url(uri.toString()) + ": "
                        + Redaction.message(text.strip()));
            }
            throw new Transient("HTTP " + status);
        }
    }

    /** Sends and waits for the whole body: the headers within the read timeout, the body within the page timeout. */
    private HttpResponse<byte[]> send(HttpRequest request, URI uri) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> capped(policy.maxPageBytes()));
        try {
            return future.get(policy.readTimeout().plus(policy.pageTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Transient("page not complete after " + policy.pageTimeout().toMillis()
                    + " ms (hub.feed-policy.http.page-timeout)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TooLarge) {
                throw new SourceException("page larger than " + policy.maxPageBytes()
                        + " bytes (hub.feed-policy.http.max-page-bytes): lower the page size; " + Redaction.url(uri.toString()));
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
    }

    /** Collects a body up to {@code max} bytes; beyond, cancels the exchange and fails with {@link TooLarge}. */
    private static HttpResponse.BodySubscriber<byte[]> capped(int max) {
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<byte[]> result = new CompletableFuture<>();
            private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                for (ByteBuffer b : items) {
                    if ((long) out.size() + b.remaining() > max) {
                        subscription.cancel();
                        result.completeExceptionally(new TooLarge());
                        return;
                    }
                    byte[] chunk = new byte[b.remaining()];
                    b.get(chunk);
                    out.write(chunk, 0, chunk.length);
                }
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                result.complete(out.toByteArray());
            }
        };
    }

    private static final class TooLarge extends IOException {
    }

    /** Whether a URL is on the feed's own scheme, host and port: only then are its credentials sent. */
    private boolean sameOrigin(URI uri) {
        return origin != null && eq(origin.getScheme(), uri.getScheme()) && eq(origin.getHost(), uri.getHost())
                && port(origin) == port(uri);
    }

    private static boolean eq(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** A failure worth retrying. */
    private static final class Transient extends IOException {
        Transient(String message) {
            super(message);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted during back-off", e);
        }
    }

    /** A URL with query parameters appended (encoded), keeping any query the base already has. */
    public static String url(String base, Map<String, Object> params) {
        StringJoiner q = new StringJoiner("&");
        for (Map.Entry<String, Object> p : params.entrySet()) {
            if (p.getValue() != null) {
                q.add(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue().toString(), StandardCharsets.UTF_8));
            }
        }
        return base + (base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?") + q;
    }

    public static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

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

import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedPolicy;
import io.gridhub.feeds.source.SourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches pages over HTTP: a timeout, a connection failure or a 5xx is retried after a back-off
 * that doubles each time; when the retries are used up, or on a 4xx, the source fails (and with it
 * the run: never a silently shortened snapshot). A page is read whole before it is parsed, so a
 * retry never delivers records twice; pages are bounded by the page size.
 */
public final class HttpPages {

    private static final Logger log = LoggerFactory.getLogger(HttpPages.class);
    private static final int MAX_PAGE_BYTES = 512 * 1024 * 1024;

    private final HttpClient client;
    private final FeedPolicy.Http policy;
    private final String authorization;

    public HttpPages(FeedPolicy.Http policy, FeedDefinition feed) {
        this.policy = policy;
        this.client = HttpClient.newBuilder().connectTimeout(policy.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.authorization = feed.username() == null || feed.username().isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString((feed.username() + ":"
                + (feed.password() == null ? "" : feed.password())).getBytes(StandardCharsets.UTF_8));
    }

    /** GETs a URL and returns the body, retrying transient failures. */
    public InputStream get(String url) {
        Duration wait = policy.backoff();
        for (int attempt = 0; ; attempt++) {
            String problem;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(policy.readTimeout())
                        .header("Accept", "application/geo+json, application/json;q=0.9, */*;q=0.5").GET();
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                try (InputStream body = response.body()) {
                    if (status >= 200 && status < 300) {
                        byte[] bytes = body.readNBytes(MAX_PAGE_BYTES + 1);
                        if (bytes.length > MAX_PAGE_BYTES) {
                            throw new SourceException("page larger than " + MAX_PAGE_BYTES + " bytes: lower the page size; " + url);
                        }
                        return new ByteArrayInputStream(bytes);
                    }
                    String text = new String(body.readNBytes(500), StandardCharsets.UTF_8);
                    if (status < 500 && status != 429) {
                        throw new SourceException("HTTP " + status + " from " + url + ": " + text.strip());
                    }
                    problem = "HTTP " + status;
                }
            } catch (HttpTimeoutException e) {
                problem = "timed out after " + policy.readTimeout().toMillis() + " ms";
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException("interrupted while fetching " + url, e);
            }
            if (attempt >= policy.retries()) {
                throw new SourceException(problem + " from " + url + " (after " + (attempt + 1) + " attempts)");
            }
            log.warn("{} from {}; retry {} of {} in {} ms", problem, url, attempt + 1, policy.retries(), wait.toMillis());
            sleep(wait);
            wait = wait.multipliedBy(2);
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

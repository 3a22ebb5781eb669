import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load driver for the siting benchmark (run with {@code java bench/SitingLoad.java}): replays
 * request bodies from a file (one JSON per line) against POST /api/siting/candidates with C
 * clients in a closed loop, N requests in all or until the time limit, and writes one latency
 * (microseconds) per line. Bounded in count and time; loopback only. It logs in once with the login
 * form, as the browser workspace does, and then sends the session cookie and CSRF token: HTTP
 * Basic would check the BCrypt password hash on every request (tens of ms by design).
 *
 * usage: SitingLoad URL BODIES_FILE CLIENTS REQUESTS MAX_SECONDS OUT_FILE
 */
public class SitingLoad {
    public static void main(String[] a) throws Exception {
        String url = a[0];
        List<String> bodies = Files.readAllLines(Path.of(a[1]), StandardCharsets.UTF_8);
        int clients = Integer.parseInt(a[2]);
        int requests = Integer.parseInt(a[3]);
        long deadline = System.nanoTime() + Long.parseLong(a[4]) * 1_000_000_000L;
        java.net.CookieManager cookies = new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI base = URI.create(url).resolve("/");
        http.send(HttpRequest.newBuilder(base.resolve("/login.html")).build(), HttpResponse.BodyHandlers.discarding());
        String form = "username=cm&password=cm123&_csrf=" + xsrf(cookies);
        HttpResponse<Void> login = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("login failed: " + login.statusCode() + " " + login.headers().map());
        }
        final String token = xsrf(cookies);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[] latency = new long[requests];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
                    HttpRequest r = HttpRequest.newBuilder(URI.create(url)).header("X-XSRF-TOKEN", token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
                        if (resp.statusCode() != 200) {
                            errors.incrementAndGet();
                            if (errors.get() < 3) {
                                System.err.println(resp.statusCode() + " " + resp.body());
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latency[i] = (System.nanoTime() - t0) / 1000;
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = Math.min(next.get(), requests);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < done; i++) {
            if (latency[i] > 0) {
                out.append(latency[i]).append('\n');
            }
        }
        Files.writeString(Path.of(a[5]), out);
        System.out.printf(java.util.Locale.ROOT, "%d %.3f %d%n", done, seconds, errors.get());
    }

    private static String xsrf(java.net.CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(java.net.HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("no XSRF-TOKEN cookie"));
    }
}

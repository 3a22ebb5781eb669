package io.gridhub.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Refuses to start the {@code production} profile with what is only fit for a laptop: the
 * default database, broker or MIS passwords, the embedded broker, or the demo users. In every
 * profile, refuses default credentials reachable from the network: demo users while the web
 * server listens on a non-loopback address (Spring's default, {@code server.address} unset, is
 * every interface), or the embedded broker's default passwords on a non-loopback acceptor. Runs
 * before any bean is created, so nothing (not even the embedded broker) starts half-way.
 */
public class ProductionSafetyCheck implements EnvironmentPostProcessor {

    /** Keys whose default value must not reach production, with that default. */
    private static final Map<String, String> DEFAULT_SECRETS = Map.of(
            "spring.datasource.password", "gridhub",
            "spring.artemis.password", "gridhub",
            "hub.broker.mis-password", "mis");

    /** Default of the GIS's broker password, refused like the others on a network acceptor. */
    private static final String DEFAULT_GIS_PASSWORD = "gis";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean production = List.of(environment.getActiveProfiles()).contains("production");
        List<String> problems = new ArrayList<>(exposedDefaults(environment));
        if (production) {
            problems.addAll(problems(environment));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException((production ? "The production profile" : "The hub") + " refuses to start:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** Default credentials on a listener other than loopback, in any profile. */
    static List<String> exposedDefaults(Environment env) {
        List<String> problems = new ArrayList<>();
        String http = env.getProperty("server.address");
        if (env.getProperty("hub.security.demo-users", Boolean.class, false) && !loopback(http)) {
            problems.add("demo users (password = name + \"123\") while the web server listens on "
                    + (http == null || http.isBlank() ? "every interface (server.address unset)" : http)
                    + ": set server.address=127.0.0.1 (HUB_HTTP_ADDRESS with ./hub run) or hub.security.demo-users=false");
        }
        String broker = env.getProperty("hub.broker.host", "127.0.0.1");
        if (!"native".equals(env.getProperty("spring.artemis.mode")) && !loopback(broker)) {
            for (String key : List.of("spring.artemis.password", "hub.broker.mis-password", "hub.broker.gis-password")) {
                if (key.equals("hub.broker.gis-password") && env.getProperty("hub.broker.gis-user", "").isBlank()) {
                    continue;
                }
                String value = env.getProperty(key);
                String insecure = DEFAULT_SECRETS.getOrDefault(key, DEFAULT_GIS_PASSWORD);
                if (value == null || value.isBlank() || value.equals(insecure)) {
                    problems.add(key + " is the default while the embedded broker accepts connections on " + broker
                            + ": set a real secret or hub.broker.host=127.0.0.1");
                }
            }
        }
        return problems;
    }

    /** Whether an address is loopback only; unset, a wildcard or a name that does not resolve is not. */
    static boolean loopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(address.trim()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static List<String> problems(Environment env) {
        List<String> problems = new ArrayList<>();
        DEFAULT_SECRETS.forEach((key, insecure) -> {
            String value = env.getProperty(key);
            if (value == null || value.isBlank() || value.equals(insecure)) {
                problems.add(key + " is unset or the default; set a real secret");
            }
        });
        if (!"native".equals(env.getProperty("spring.artemis.mode"))) {
            problems.add("spring.artemis.mode must be native (an external broker, HUB_BROKER_URL), not the embedded broker");
        }
        if (env.getProperty("hub.security.demo-users", Boolean.class, false)) {
            problems.add("hub.security.demo-users must be false");
        }
        return problems;
    }
}

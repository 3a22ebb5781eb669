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
 * default database, broker or MIS passwords, the embedded broker, or the demo users. Runs before
 * any bean is created, so nothing (not even the embedded broker) starts half-way.
 */
public class ProductionSafetyCheck implements EnvironmentPostProcessor {

    /** Keys whose default value must not reach production, with that default. */
    private static final Map<String, String> DEFAULT_SECRETS = Map.of(
            "spring.datasource.password", "gridhub",
            "spring.artemis.password", "gridhub",
            "hub.broker.mis-password", "mis");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!List.of(environment.getActiveProfiles()).contains("production")) {
            return;
        }
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The production profile refuses to start:\n  - "
                    + String.join("\n  - ", problems));
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

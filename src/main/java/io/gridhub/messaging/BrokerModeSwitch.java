package io.gridhub.messaging;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One switch for the broker: {@code spring.artemis.mode}. Spring Boot starts its embedded broker
 * whenever the Artemis server is on the classpath, even in native mode; the hub ships the server,
 * so in native mode it turns the embedded one off here rather than asking for a second setting.
 */
public class BrokerModeSwitch implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("native".equals(environment.getProperty("spring.artemis.mode"))) {
            environment.getPropertySources().addFirst(new MapPropertySource("gridhub-broker-mode",
                    Map.of("spring.artemis.embedded.enabled", "false")));
        }
    }
}

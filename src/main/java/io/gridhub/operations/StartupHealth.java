package io.gridhub.operations;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health is {@code OUT_OF_SERVICE} (HTTP 503) while the {@link StartupGate} turns requests away, so a
 * load balancer, a script or a test that waits for a healthy hub never sends work to one that would
 * answer 503: the web server (and with it the health endpoint) is up before Camel's routes are.
 */
@Component("startup")
class StartupHealth implements HealthIndicator {

    private final StartupGate gate;

    StartupHealth(StartupGate gate) {
        this.gate = gate;
    }

    @Override
    public Health health() {
        return gate.isReady() ? Health.up().build()
                : Health.outOfService().withDetail("reason", "the hub is starting or stopping").build();
    }
}

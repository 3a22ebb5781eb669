package io.gridhub.messaging.outbox;

import java.time.Duration;
import java.util.Map;

import io.gridhub.api.HealthWithDeadline;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Health component {@code outbox}: DOWN when the oldest unsent event has waited longer than
 * {@code hub.outbox.health-max-age}. The relay keeps each case's order by stopping at a row the
 * broker refuses, so one refused row (an address the broker does not know, a permission missing)
 * holds back every later event; this is where operations see it, with the row's last error.
 * Answered within {@code hub.health.timeout}, DOWN past it (database down: {@link HealthWithDeadline}).
 */
@Component("outbox")
class OutboxHealth implements HealthIndicator {

    private final JdbcTemplate jdbc;
    private final Duration maxAge;
    private final HealthWithDeadline withDeadline;

    OutboxHealth(JdbcTemplate jdbc, @Value("${hub.outbox.health-max-age:5m}") Duration maxAge,
            @Value("${hub.health.timeout:2s}") Duration timeout) {
        this.jdbc = jdbc;
        this.maxAge = maxAge;
        this.withDeadline = new HealthWithDeadline("outbox", new Check(), timeout);
    }

    @Override
    public Health health() {
        return withDeadline.health();
    }

    /** The check itself; an exception (database down) makes it DOWN with the exception. */
    private final class Check extends AbstractHealthIndicator {
        Check() {
            super("outbox health check failed");
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            check(builder);
        }
    }

    private void check(Health.Builder builder) {
        Map<String, Object> head = jdbc.queryForMap("""
                SELECT count(*) AS unsent,
                       coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS oldest_s,
                       (SELECT o.id FROM messaging.outbox o WHERE o.sent_at IS NULL ORDER BY o.id LIMIT 1) AS head_id,
                       (SELECT o.address FROM messaging.outbox o WHERE o.sent_at IS NULL ORDER BY o.id LIMIT 1) AS head_address,
                       (SELECT o.last_error FROM messaging.outbox o WHERE o.sent_at IS NULL ORDER BY o.id LIMIT 1) AS head_error
                FROM messaging.outbox WHERE sent_at IS NULL
                """);
        long oldest = ((Number) head.get("oldest_s")).longValue();
        builder.status(oldest > maxAge.toSeconds() ? "DOWN" : "UP")
                .withDetail("unsent", head.get("unsent"))
                .withDetail("oldestUnsentSeconds", oldest);
        if (head.get("head_id") != null) {
            builder.withDetail("nextRow", head.get("head_id")).withDetail("nextAddress", head.get("head_address"));
            if (head.get("head_error") != null) {
                builder.withDetail("nextRowError", head.get("head_error"));
            }
        }
    }
}

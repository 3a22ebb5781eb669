package io.gridhub.api;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health component that answers within a deadline: DOWN when its check has not finished in time.
 * The checks that need a database connection wait for one as long as the connection pool lets any
 * caller wait (HikariCP's connection timeout, 30 s): while PostgreSQL is down, {@code /actuator/health}
 * did not answer at all for that long, so a load balancer's or a monitor's probe saw a timeout, not a
 * DOWN. Spring Boot has no timeout of its own for health components (spring-boot#43449).
 *
 * <p>The check runs on one thread of its own; a check still running when the next probe comes is
 * awaited again, not started twice, so probes of a hub whose database hangs do not pile up threads
 * or take the pool's connections.
 */
public final class HealthWithDeadline implements HealthIndicator {

    private final HealthIndicator check;
    private final Duration deadline;
    private final ExecutorService thread;
    private Future<Health> running;

    /**
     * @param name     the component's name, for its thread
     * @param check    the check itself
     * @param deadline how long a probe waits for it
     */
    public HealthWithDeadline(String name, HealthIndicator check, Duration deadline) {
        this.check = check;
        this.deadline = deadline;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "health-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Health health() {
        Future<Health> answer;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = thread.submit(check::health);
            }
            answer = running;
        }
        try {
            return answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("reason", "no answer within " + deadline.toMillis()
                    + " ms (database unreachable or no free connection in the pool)").build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause() instanceof Exception cause ? cause : e).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }
}

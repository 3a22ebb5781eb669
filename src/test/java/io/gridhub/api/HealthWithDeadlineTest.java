package io.gridhub.api;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** A hanging check answers DOWN within the deadline, and is not started again while it hangs. */
class HealthWithDeadlineTest {

    @Test
    void aHangingCheckIsDownInTimeAndRunsOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        HealthWithDeadline health = new HealthWithDeadline("test", () -> {
            started.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Health.up().build();
        }, Duration.ofMillis(200));

        long t0 = System.nanoTime();
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("two probes, ms").isLessThan(2_000);
        assertThat(started).as("checks started while the first hangs").hasValue(1);

        release.countDown();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aFailingCheckIsDownWithItsCause() {
        HealthWithDeadline health = new HealthWithDeadline("test", () -> {
            throw new IllegalStateException("connection refused");
        }, Duration.ofSeconds(1));
        Health answer = health.health();
        assertThat(answer.getStatus()).isEqualTo(Status.DOWN);
        assertThat(answer.getDetails().toString()).contains("connection refused");
    }
}

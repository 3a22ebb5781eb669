package io.gridhub.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridhub.api.BusyException;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads that start on their own hold at most hub.reads.max-concurrent turns on the primary; the next
 * waits hub.reads.max-wait, then is told the hub is busy. Reads inside a transaction of the primary,
 * or inside a read that has its turn, take none (no deadlock, no wait). No database: the reads here
 * are plain suppliers.
 */
class GridReadsBulkheadTest {

    private final DataSource primary = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none");
    private final GridReads reads = new GridReads(new JdbcTemplate(primary), null, null, null, 1, Duration.ofMillis(200));

    @Test
    void aReadBeyondTheLimitWaitsItsTurnThenIsToldTheHubIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = holdTheOnlyTurn(release);

        long start = System.nanoTime();
        assertThatThrownBy(() -> reads.query(() -> "second")).isInstanceOf(BusyException.class)
                .hasMessageContaining("hub.reads.max-concurrent");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(reads.query(() -> "third")).as("the turn was given back").isEqualTo("third");
    }

    @Test
    void aReadInsideAReadWithItsTurnTakesNoSecondTurn() {
        assertThat(reads.query(() -> reads.query(() -> "inner"))).isEqualTo("inner");
    }

    @Test
    void aReadInsideATransactionOfThePrimaryTakesNoTurn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> other = holdTheOnlyTurn(release);
        Connection none = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        TransactionSynchronizationManager.bindResource(primary, new ConnectionHolder(none));
        try {
            long start = System.nanoTime();
            assertThat(reads.query(() -> "in the caller's transaction")).isEqualTo("in the caller's transaction");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(150));
        } finally {
            TransactionSynchronizationManager.unbindResource(primary);
            release.countDown();
        }
        assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("held");
    }

    /** A read on another thread that has the only turn until {@code release}. */
    private CompletableFuture<String> holdTheOnlyTurn(CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> reads.query(() -> {
            holding.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        return read;
    }
}

package io.gridhub.grid;

import java.util.function.Supplier;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the read-only siting and tile queries run: on the read replica ({@code hub.read-replica})
 * when one is set, reachable and within its staleness bound, else on the primary, exactly as without
 * a replica.
 *
 * <p>A repository runs its statements on {@link #jdbc()} or {@link #named()}: the replica's
 * templates inside {@link #snapshot} or {@link #query} when the replica was chosen, the primary's
 * everywhere else. So a read called inside a transaction of the primary (drafting or confirming a
 * plan, a capacity promise under its advisory locks) joins that transaction on the primary, as
 * before; only reads that start on their own (a siting request, a tile) may go to the replica.
 *
 * <p>Read your writes: a capacity promise made by this hub ({@link #wroteOnCommit}) and a feed run
 * ({@link GridChanged}) fence the replica: reads go to the primary until the replica has replayed
 * past the write. Writes by other hub instances are seen within {@code hub.read-replica.max-lag}.
 * A read that fails on the replica (replica gone since the last probe) is run again on the primary.
 */
public final class GridReads {

    private final JdbcTemplate primary;
    private final NamedParameterJdbcTemplate primaryNamed;
    private final TransactionTemplate primaryReadOnly;
    private final ReadReplica replica;
    private final ThreadLocal<Boolean> onReplica = new ThreadLocal<>();

    GridReads(JdbcTemplate primary, NamedParameterJdbcTemplate primaryNamed, TransactionTemplate primaryReadOnly,
              ReadReplica replica) {
        this.primary = primary;
        this.primaryNamed = primaryNamed;
        this.primaryReadOnly = primaryReadOnly;
        this.replica = replica;
    }

    /** The template for a read statement: the replica's inside a read routed there, else the primary's. */
    public JdbcTemplate jdbc() {
        return onReplica.get() != null ? replica.jdbc() : primary;
    }

    /** {@link #jdbc()} with named parameters. */
    public NamedParameterJdbcTemplate named() {
        return onReplica.get() != null ? replica.named() : primaryNamed;
    }

    /**
     * Runs read-only work in one read-only transaction (one snapshot of the store), on the replica
     * when it may serve, else on the primary; inside a caller's transaction, in that transaction.
     */
    public <T> T snapshot(Supplier<T> work) {
        return route(work, true);
    }

    /** Runs read-only work without a transaction of its own (statement by statement), on the replica when it may serve. */
    public <T> T query(Supplier<T> work) {
        return route(work, false);
    }

    /**
     * Reads that start after the current transaction commits go to the primary until the replica has
     * replayed it (a write the next answers must show: a capacity promise). Without a transaction, at once.
     */
    public void wroteOnCommit() {
        if (replica == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    replica.fence();
                }
            });
        } else {
            replica.fence();
        }
    }

    /**
     * A feed run committed (here or on another hub instance): the next reads see it. Late, just before
     * the listeners without an order and the cache of what siting reads here ({@code ChainTermsCache},
     * last), so that what that cache reads again comes from behind the fence.
     */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE - 1)
    void onGridChanged(GridChanged event) {
        if (replica != null) {
            replica.fence();
        }
    }

    private <T> T route(Supplier<T> work, boolean transactional) {
        if (onReplica.get() != null) {
            return work.get();
        }
        // a connection of the primary bound to this thread: a transaction of the primary (not a JMS one) to join
        boolean inPrimaryTransaction = TransactionSynchronizationManager.hasResource(primary.getDataSource());
        if (!inPrimaryTransaction && replica != null && replica.usable()) {
            onReplica.set(Boolean.TRUE);
            try {
                T out = transactional ? replica.readOnly().execute(s -> work.get()) : work.get();
                replica.readsOnReplica.incrementAndGet();
                return out;
            } catch (DataAccessException | TransactionException e) {
                replica.readFailed(e);
            } finally {
                onReplica.remove();
            }
        }
        if (replica != null) {
            replica.readsOnPrimary.incrementAndGet();
        }
        // as @Transactional(readOnly = true) did: joins the caller's transaction, else one of its own
        return transactional ? primaryReadOnly.execute(s -> work.get()) : work.get();
    }
}

package io.gridhub.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gridhub.grid.AssetType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirms capacity promises (承诺容量) so that no interleaving of concurrent confirmations can push
 * any asset below zero open capacity.
 *
 * <p>How: within the caller's transaction, every link of every chain (distribution transformer,
 * feeder, main transformer) is locked with a transaction-scoped PostgreSQL advisory lock keyed by
 * {@code (asset type, source id)}, one statement per lock in ascending key order, so two
 * confirmations that share links always lock them in the same order and cannot deadlock. Only then
 * are the open-capacity terms read (a new snapshot per statement under READ COMMITTED, so every
 * promise committed by an earlier lock holder is counted), checked against the request, and the
 * promise inserted. A confirmation that waited for the lock sees the winner's promise.
 *
 * <p>Why advisory locks and not SELECT … FOR UPDATE on the grid rows: a feed run updates grid rows in
 * one long transaction, so row locks would make confirmations wait for whole feed runs; and a source
 * id can exist under several feeds, while a promise is keyed by source id alone, exactly as the lock.
 * Why not SERIALIZABLE with retry: a hundred customers racing for one transformer would abort and
 * retry over and over; the lock queues them, and each waits only for the few statements of the one
 * ahead. Details and the benchmark in docs/cases.md and docs/benchmarks.md.
 *
 * <p>Everything capacity-internal this class uses ({@link CapacityRepository#chainTerms},
 * {@link CapacityRules#open}) is called from {@link #openOf} only.
 */
@Service
public class CapacityCommitments {

    /**
     * The link that has no room for a confirmation.
     *
     * @param assetType its type
     * @param assetId its source id
     * @param name its name
     * @param remainingKva its open capacity now (null when its load is not measured or the asset is not in service)
     * @param requestedKva what the confirmation asked for
     * @param reason why, in a sentence
     */
    public record Shortfall(AssetType assetType, String assetId, String name, Double remainingKva,
                            double requestedKva, String reason) {}

    /** Thrown when a link lacks room; the transaction must roll back (nothing was promised). */
    public static class CapacityShortfallException extends RuntimeException {
        private final transient Shortfall shortfall;

        public CapacityShortfallException(Shortfall s) {
            super(s.reason());
            this.shortfall = s;
        }

        public Shortfall shortfall() {
            return shortfall;
        }
    }

    private final JdbcTemplate jdbc;
    private final CapacityRepository capacity;
    private final CapacityRules rules;
    private final CommitmentRepository commitments;

    public CapacityCommitments(JdbcTemplate jdbc, CapacityRepository capacity, CapacityRules rules,
                               CommitmentRepository commitments) {
        this.jdbc = jdbc;
        this.capacity = capacity;
        this.rules = rules;
        this.commitments = commitments;
    }

    /**
     * Promises {@code kva} on every link of every chain to {@code caseRef}, or throws
     * {@link CapacityShortfallException} naming the first link without room. Returns the open capacity
     * of every link as it was just before the promise.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<OpenCapacity> commit(String caseRef, List<SupplyChain> chains, double kva) {
        Map<String, Link> links = new LinkedHashMap<>();
        for (SupplyChain c : chains) {
            add(links, AssetType.DISTRIBUTION_TRANSFORMER, c.transformerId());
            add(links, AssetType.FEEDER, c.feederId());
            add(links, AssetType.MAIN_TRANSFORMER, c.mainTransformerId());
        }
        lockInOrder(links.keySet());
        Map<String, OpenCapacity> open = openOf(links.values());
        List<OpenCapacity> out = new ArrayList<>();
        for (Map.Entry<String, Link> e : links.entrySet()) {
            Link l = e.getValue();
            OpenCapacity o = open.get(e.getKey());
            if (o == null) {
                throw new CapacityShortfallException(new Shortfall(l.type(), l.id(), null, null, kva,
                        l.type() + " " + l.id() + " is not in service in the grid store"));
            }
            Double room = o.openKva();
            if (room == null && rules.properties().missingLoad() == MissingLoadPolicy.OFFER_FLAGGED) {
                room = o.openUpperBoundKva();
            }
            if (room == null) {
                throw new CapacityShortfallException(new Shortfall(l.type(), l.id(), o.name(), null, kva,
                        l.type() + " " + l.id() + " has no measured peak load: its open capacity is unknown"));
            }
            if (room < kva) {
                throw new CapacityShortfallException(new Shortfall(l.type(), l.id(), o.name(), round(room), kva,
                        String.format(java.util.Locale.ROOT, "%s %s has %.1f kVA open, %.1f kVA requested",
                                l.type(), l.id(), room, kva)));
            }
            out.add(o);
        }
        for (SupplyChain c : chains) {
            commitments.commit(caseRef, c, kva);
        }
        return out;
    }

    /** Releases every open promise of the case (plan withdrawn, case cancelled, plan expired). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int release(String caseRef) {
        return commitments.cancelled(caseRef);
    }

    /** The customer is connected: the promise counts until a measured peak after the connection includes its load. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int connected(String caseRef) {
        return commitments.connected(caseRef);
    }

    private record Link(AssetType type, String id) {}

    private static void add(Map<String, Link> links, AssetType type, String id) {
        if (id != null) {
            links.putIfAbsent(type.name() + ":" + id, new Link(type, id));
        }
    }

    /** One advisory lock per link, in ascending key order (the same order in every transaction). */
    private void lockInOrder(Set<String> names) {
        List<Long> keys = new ArrayList<>(new LinkedHashSet<>(jdbc.queryForList(
                "SELECT hashtextextended('capacity:' || n, 0) FROM unnest(?::text[]) n", Long.class,
                (Object) names.toArray(String[]::new))));
        keys.sort(Comparator.naturalOrder());
        for (Long k : keys) {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)::text", String.class, k);
        }
    }

    private Map<String, OpenCapacity> openOf(java.util.Collection<Link> links) {
        List<String> t = new ArrayList<>();
        List<String> f = new ArrayList<>();
        List<String> m = new ArrayList<>();
        for (Link l : links) {
            (l.type() == AssetType.DISTRIBUTION_TRANSFORMER ? t : l.type() == AssetType.FEEDER ? f : m).add(l.id());
        }
        Map<String, OpenCapacity> out = new LinkedHashMap<>();
        for (MeasuredLink measured : capacity.chainTerms(t, f, m, List.of())) {
            OpenCapacity o = rules.open(measured.asset());
            String key = o.assetType().name() + ":" + o.assetId();
            if (links.stream().anyMatch(l -> (l.type().name() + ":" + l.id()).equals(key))) {
                out.putIfAbsent(key, o);
            }
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

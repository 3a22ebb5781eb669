package io.gridhub.capacity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gridhub.grid.AssetType;
import io.gridhub.grid.GridChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The terms of open capacity that only a feed run changes (ratings, windowed peaks, main
 * transformers per substation, ties), kept in memory for the assets siting has looked at, so that
 * a siting answer reads only the commitments (承诺容量) from the database: they change with every
 * confirmed plan, on any hub instance, and are always read afresh.
 *
 * <p>Follows the grid store: every {@link GridChanged} (a feed run of this instance, or of another
 * one heard on the grid-changed topic) empties it, and a read that began before the event keeps
 * its result out of the cache. Answers that start after the event see the run, as they see
 * the peak window ({@link PeakWindow}) and the whole-feeder-line check of the feeder search. A
 * change made to the store behind the hub's back (not by a feed run) is seen after
 * {@code hub.capacity.terms-cache.max-age} at the latest. At most
 * {@code hub.capacity.terms-cache.max-assets} links are kept (least recently used go first).
 *
 * <p>Only the siting path reads through it ({@link CapacityService#measure}). A capacity promise
 * checks its links under advisory locks with {@link CapacityRepository#chainTerms}, straight from the
 * store, and so do the capacity map and its tiles.
 */
final class ChainTermsCache {

    /** A link's static terms; empty when the store has no such asset in service. */
    private final Cache<String, Optional<MeasuredLink>> links;
    /** The in-service main transformers of a substation, by substation id. */
    private final Cache<String, List<String>> stations;
    private final AtomicLong generation = new AtomicLong();
    private final CapacityRepository repository;

    ChainTermsCache(CapacityRepository repository, TermsCacheProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.repository = repository;
        this.links = Caffeine.newBuilder().maximumSize(properties.maxAssets())
                .expireAfterWrite(properties.maxAge()).recordStats().build();
        this.stations = Caffeine.newBuilder().maximumSize(Math.max(1, properties.maxAssets() / 10))
                .expireAfterWrite(properties.maxAge()).recordStats().build();
        meters.ifAvailable(registry -> {
            CaffeineCacheMetrics.monitor(registry, links, "capacity.terms");
            CaffeineCacheMetrics.monitor(registry, stations, "capacity.station-main-transformers");
        });
    }

    /** As {@link CapacityRepository#chainTerms}: the static terms from memory where known, the commitments read now. */
    List<MeasuredLink> chainTerms(Collection<String> transformerIds, Collection<String> feederIds,
                                  Collection<String> mainTransformerIds, Collection<String> substationIds) {
        long seen = generation.get();
        Map<String, Optional<MeasuredLink>> known = new HashMap<>(links.getAllPresent(
                keys(transformerIds, feederIds, mainTransformerIds)));
        Map<String, List<String>> stationMts = new HashMap<>(stations.getAllPresent(substationIds));
        List<String> t = missing(AssetType.DISTRIBUTION_TRANSFORMER, transformerIds, known);
        List<String> f = missing(AssetType.FEEDER, feederIds, known);
        List<String> m = missing(AssetType.MAIN_TRANSFORMER, mainTransformerIds, known);
        List<String> s = substationIds.stream().filter(id -> !stationMts.containsKey(id)).toList();
        if (!(t.isEmpty() && f.isEmpty() && m.isEmpty() && s.isEmpty())) {
            load(t, f, m, s, known, stationMts, seen);
        }
        Set<String> mts = new LinkedHashSet<>(mainTransformerIds);
        for (String station : substationIds) {
            mts.addAll(stationMts.getOrDefault(station, List.of()));
        }
        // a substation's list outlived some of its main transformers' entries (evicted on their own)
        List<String> evicted = missing(AssetType.MAIN_TRANSFORMER, mts, known);
        if (!evicted.isEmpty()) {
            known.putAll(links.getAllPresent(keys(List.of(), List.of(), evicted)));
            List<String> unread = missing(AssetType.MAIN_TRANSFORMER, evicted, known);
            if (!unread.isEmpty()) {
                load(List.of(), List.of(), unread, List.of(), known, stationMts, seen);
            }
        }
        // the links in the order of the query they stand for: transformers, feeders, main transformers
        Map<String, MeasuredLink> out = new LinkedHashMap<>();
        addKnown(out, AssetType.DISTRIBUTION_TRANSFORMER, transformerIds, known);
        addKnown(out, AssetType.FEEDER, feederIds, known);
        addKnown(out, AssetType.MAIN_TRANSFORMER, mts, known);
        return withCommitments(out);
    }

    /**
     * A feed run committed: forget everything; reads under way keep their results to themselves.
     * The last listener: after the peak window moved ({@link PeakWindow}, first) and the read
     * replica was fenced ({@code GridReads}), so what is read again is the run's.
     */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onGridChanged(GridChanged event) {
        clear();
    }

    void clear() {
        generation.incrementAndGet();
        links.invalidateAll();
        stations.invalidateAll();
    }

    private void load(List<String> t, List<String> f, List<String> m, List<String> s,
                      Map<String, Optional<MeasuredLink>> known, Map<String, List<String>> stationMts, long seen) {
        Map<String, Optional<MeasuredLink>> read = new HashMap<>();
        for (String id : t) {
            read.put(key(AssetType.DISTRIBUTION_TRANSFORMER, id), Optional.empty());
        }
        for (String id : f) {
            read.put(key(AssetType.FEEDER, id), Optional.empty());
        }
        for (String id : m) {
            read.put(key(AssetType.MAIN_TRANSFORMER, id), Optional.empty());
        }
        Map<String, List<String>> readStations = new HashMap<>();
        for (String id : s) {
            readStations.put(id, new ArrayList<>());
        }
        for (MeasuredLink l : repository.staticChainTerms(t, f, m, s)) {
            read.put(key(l.asset().type(), l.asset().assetId()), Optional.of(l));
            if (l.asset().type() == AssetType.MAIN_TRANSFORMER && readStations.containsKey(l.substationId())) {
                readStations.get(l.substationId()).add(l.asset().assetId());
            }
        }
        known.putAll(read);
        stationMts.putAll(readStations);
        // a run committed while this read was under way: its result may predate the run, keep it out
        if (generation.get() == seen) {
            links.putAll(read);
            readStations.replaceAll((id, ids) -> List.copyOf(ids));
            stations.putAll(readStations);
        }
    }

    private List<MeasuredLink> withCommitments(Map<String, MeasuredLink> links) {
        List<AssetType> types = new ArrayList<>(links.size());
        List<String> ids = new ArrayList<>(links.size());
        for (MeasuredLink l : links.values()) {
            types.add(l.asset().type());
            ids.add(l.asset().assetId());
        }
        Map<String, Double> committed = repository.committed(types, ids);
        List<MeasuredLink> out = new ArrayList<>(links.size());
        links.forEach((key, l) -> {
            Double kva = committed.get(key);
            out.add(kva == null ? l : new MeasuredLink(withCommitted(l.asset(), kva), l.substationId()));
        });
        return out;
    }

    private static MeasuredAsset withCommitted(MeasuredAsset a, double kva) {
        return new MeasuredAsset(a.type(), a.assetId(), a.name(), a.ratedKva(), a.ratedCurrentA(), a.voltageKv(),
                a.tieCount(), a.mainTransformersInSubstation(), a.peakKw(), a.peakPowerFactor(), a.peakMonth(), kva);
    }

    private static void addKnown(Map<String, MeasuredLink> out, AssetType type, Collection<String> ids,
                                 Map<String, Optional<MeasuredLink>> known) {
        for (String id : ids) {
            String key = key(type, id);
            Optional<MeasuredLink> l = known.get(key);
            if (l != null && l.isPresent()) {
                out.putIfAbsent(key, l.get());
            }
        }
    }

    private static List<String> missing(AssetType type, Collection<String> ids, Map<String, Optional<MeasuredLink>> known) {
        return ids.stream().filter(id -> !known.containsKey(key(type, id))).distinct().toList();
    }

    private static Set<String> keys(Collection<String> t, Collection<String> f, Collection<String> m) {
        Set<String> out = new LinkedHashSet<>();
        t.forEach(id -> out.add(key(AssetType.DISTRIBUTION_TRANSFORMER, id)));
        f.forEach(id -> out.add(key(AssetType.FEEDER, id)));
        m.forEach(id -> out.add(key(AssetType.MAIN_TRANSFORMER, id)));
        return out;
    }

    private static String key(AssetType type, String id) {
        return CapacityRepository.linkKey(type, id);
    }
}

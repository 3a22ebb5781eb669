package io.gridhub.capacity;

import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Service;

import io.gridhub.grid.AssetType;

/**
 * What other capabilities may ask of capacity (可开放容量): the measured terms of supply-chain
 * links, read in one index-served query, and the open capacity the configured rules make of them.
 * The repository behind it stays package-private, so its SQL can change without its callers.
 */
@Service
public class CapacityService {

    private final CapacityRepository repository;
    private final CapacityRules rules;
    private final ChainTermsCache terms;
    private final boolean cached;

    CapacityService(CapacityRepository repository, CapacityRules rules, ChainTermsCache terms,
                    TermsCacheProperties cache) {
        this.repository = repository;
        this.rules = rules;
        this.terms = terms;
        this.cached = cache.enabled();
    }

    /**
     * The measured terms of the named distribution transformers, feeders and main transformers,
     * plus every in-service main transformer of the named substations, for siting: the commitments
     * read now, the terms only a feed run changes from {@link ChainTermsCache} (one query for the
     * commitments and one for any link not in memory), or all in one query with the cache off.
     */
    public List<MeasuredLink> measure(Collection<String> transformerIds, Collection<String> feederIds,
                                      Collection<String> mainTransformerIds, Collection<String> substationIds) {
        return cached ? terms.chainTerms(transformerIds, feederIds, mainTransformerIds, substationIds)
                : repository.chainTerms(transformerIds, feederIds, mainTransformerIds, substationIds);
    }

    /** Open capacity of one distribution transformer, feeder or main transformer. */
    public OpenCapacity open(MeasuredAsset asset) {
        return rules.open(asset);
    }

    /** Open capacity of a substation as the sum of its main transformers under their N-1 cap. */
    public OpenCapacity substation(String substationId, String name, List<OpenCapacity> mainTransformers) {
        return rules.substation(substationId, name, mainTransformers);
    }

    /**
     * Open capacity of one asset type inside a bounding box (EPSG:4490), with geometry as GeoJSON,
     * at most {@code limit} of them: what the capacity map and its tiles must agree with.
     */
    public List<CapacityFeature> inBox(AssetType type, double minLon, double minLat, double maxLon, double maxLat,
                                       int limit) {
        return repository.inBox(type, minLon, minLat, maxLon, maxLat, limit);
    }

    /** What an asset without a measured peak is ({@code hub.capacity.missing-load}). */
    public MissingLoadPolicy missingLoadPolicy() {
        return rules.properties().missingLoad();
    }
}

package io.gridhub.siting;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gridhub.capacity.MeasuredLink;
import io.gridhub.grid.AssetType;

/**
 * The capacity terms an answer has read so far, so that the fallbacks ask the database only for
 * the ones it has not: the feeders (and transformers, main transformers) read, and the
 * substations whose every in-service main transformer was read.
 */
final class MeasuredTerms {

    private final Map<AssetKey, MeasuredLink> byAsset = new HashMap<>();
    private final Set<String> completeStations = new HashSet<>();

    void add(List<MeasuredLink> measured, Set<String> stationsRead) {
        for (MeasuredLink m : measured) {
            byAsset.putIfAbsent(new AssetKey(m.asset().type(), m.asset().assetId()), m);
        }
        completeStations.addAll(stationsRead);
    }

    /** The terms read of an asset, or null. */
    MeasuredLink get(AssetType type, String id) {
        return byAsset.get(new AssetKey(type, id));
    }

    /** Every main transformer of the substation, when all were read; null when they were not. */
    List<MeasuredLink> mainTransformersOf(String substationId) {
        if (!completeStations.contains(substationId)) {
            return null;
        }
        return byAsset.values().stream()
                .filter(m -> m.asset().type() == AssetType.MAIN_TRANSFORMER && substationId.equals(m.substationId()))
                .sorted(Comparator.comparing(m -> m.asset().assetId()))
                .toList();
    }
}

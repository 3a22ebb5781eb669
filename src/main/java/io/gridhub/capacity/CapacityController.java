package io.gridhub.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.gridhub.api.BoundingBox;
import io.gridhub.api.InvalidFieldException;
import io.gridhub.grid.AssetType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The open-capacity map: assets in a bounding box with every term of their open capacity, as GeoJSON. */
@RestController
@Tag(name = "capacity", description = "Open capacity along the supply chain")
class CapacityController {

    private static final List<AssetType> MAPPED = List.of(AssetType.DISTRIBUTION_TRANSFORMER, AssetType.FEEDER,
            AssetType.MAIN_TRANSFORMER, AssetType.SUBSTATION);

    private final CapacityRepository repository;
    private final CapacityRules rules;
    private final PeakWindow window;

    CapacityController(CapacityRepository repository, CapacityRules rules, PeakWindow window) {
        this.repository = repository;
        this.rules = rules;
        this.window = window;
    }

    /** A GeoJSON FeatureCollection; {@code truncated} says more assets were in the box than returned. */
    record FeatureCollection(String type, List<Feature> features, boolean truncated, String peakWindow,
                             String missingLoadPolicy) {}

    record Feature(String type, String id, @JsonRawValue String geometry, Properties properties) {}

    /** Properties of one feature: the open-capacity terms. */
    record Properties(AssetType assetType, String assetId, String name, String substationId,
                      double ratedKva, String ratedBasis, double capUsed, String capBasis, double allowedKva,
                      Double peakKw, Double powerFactor, boolean powerFactorMeasured, Double peakKva,
                      String peakMonth, boolean loadMissing, double committedKva, double simultaneityFactor,
                      double committedCountedKva, Double openKva, double openUpperBoundKva) {

        static Properties of(OpenCapacity c, String substationId) {
            return new Properties(c.assetType(), c.assetId(), c.name(), substationId, round(c.ratedKva()),
                    c.ratedBasis(), c.capUsed(), c.capBasis(), round(c.allowedKva()), c.peakKw(), c.powerFactor(),
                    c.powerFactorMeasured(), round(c.peakKva()), c.peakMonth(), c.loadMissing(), c.committedKva(),
                    c.simultaneityFactor(), round(c.committedCountedKva()), round(c.openKva()),
                    round(c.openUpperBoundKva()));
        }
    }

    @GetMapping("/api/grid/capacity")
    @Operation(summary = "Assets in a bounding box with their open-capacity terms (GeoJSON, EPSG:4490)")
    FeatureCollection capacity(
            @RequestParam(name = "bbox", required = false) String bbox,
            @RequestParam(name = "type", required = false) String type) {
        double[] b = BoundingBox.parse(bbox);
        List<AssetType> types = parseTypes(type);
        int limit = rules.properties().maxFeatures();
        List<Feature> features = new ArrayList<>();
        boolean truncated = false;
        for (AssetType t : types) {
            int room = limit - features.size();
            if (room <= 0) {
                truncated = true;
                break;
            }
            List<Feature> found = t == AssetType.SUBSTATION ? substations(b, room + 1) : assets(t, b, room + 1);
            if (found.size() > room) {
                truncated = true;
                found = found.subList(0, room);
            }
            features.addAll(found);
        }
        PeakWindow.Range w = window.current();
        return new FeatureCollection("FeatureCollection", features, truncated,
                w.latest() == null ? "no loads loaded" : w.from().toString().substring(0, 7) + " … " + w.latest(),
                rules.properties().missingLoad().name());
    }

    private List<Feature> assets(AssetType type, double[] b, int limit) {
        return repository.inBox(type, b[0], b[1], b[2], b[3], limit).stream()
                .map(f -> new Feature("Feature", type.name() + ":" + f.capacity().assetId(), f.geometryGeoJson(),
                        Properties.of(f.capacity(), f.substationId())))
                .toList();
    }

    private List<Feature> substations(double[] b, int limit) {
        List<CapacityRepository.SubstationSite> sites = repository.substationsInBox(b[0], b[1], b[2], b[3], limit);
        List<String> ids = sites.stream().map(CapacityRepository.SubstationSite::id).toList();
        Map<String, List<OpenCapacity>> byStation = repository.chainTerms(List.of(), List.of(), List.of(), ids)
                .stream().collect(Collectors.groupingBy(MeasuredLink::substationId,
                        Collectors.mapping(m -> rules.open(m.asset()), Collectors.toList())));
        return sites.stream().map(s -> new Feature("Feature", "SUBSTATION:" + s.id(), s.geojson(),
                Properties.of(rules.substation(s.id(), s.name(), byStation.getOrDefault(s.id(), List.of())), s.id())))
                .toList();
    }

    static List<AssetType> parseTypes(String type) {
        if (type == null || type.isBlank()) {
            return MAPPED;
        }
        List<AssetType> out = new ArrayList<>();
        for (String t : type.split(",")) {
            AssetType parsed;
            try {
                parsed = AssetType.parse(t);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("type", "unknown asset type '" + t.trim() + "'; expected one of " + MAPPED);
            }
            if (!MAPPED.contains(parsed)) {
                throw new InvalidFieldException("type", parsed + " has no open capacity; expected one of " + MAPPED);
            }
            out.add(parsed);
        }
        return out;
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 10) / 10.0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

package io.gridhub.capacity;

/**
 * One asset on the capacity map: its open capacity and where it is.
 *
 * @param capacity the open capacity with its terms
 * @param geometryGeoJson the asset's geometry as GeoJSON (EPSG:4490 lon/lat)
 * @param substationId the substation of a main transformer or feeder, else null
 */
public record CapacityFeature(OpenCapacity capacity, String geometryGeoJson, String substationId) {
}

package io.gridhub.siting;

import java.util.List;

import io.gridhub.capacity.SupplyChain;
import io.gridhub.grid.AssetType;

/**
 * A source found near the site: a 10 kV feeder (nearest point of its line) or a public
 * distribution transformer, with the supply chain behind it.
 *
 * @param assetType FEEDER or DISTRIBUTION_TRANSFORMER
 * @param assetId source id
 * @param name display name
 * @param distanceM geodesic distance from the site (ST_Distance on geography, metres)
 * @param pointLon longitude of the nearest point (EPSG:4490)
 * @param pointLat latitude of the nearest point
 * @param lineKind OVERHEAD or CABLE of the nearest line section, null when the store does not say
 * @param conductor conductor type of the feeder, may be null
 * @param chain transformer → feeder → busbar → main transformer → substation
 * @param connectedCustomers customers on the feeder, null when unknown
 * @param tieFeederIds feeders this feeder is tied to (联络)
 */
public record SourceHit(AssetType assetType, String assetId, String name, double distanceM, double pointLon,
                        double pointLat, LineKind lineKind, String conductor, SupplyChain chain,
                        Integer connectedCustomers, List<String> tieFeederIds) {
}

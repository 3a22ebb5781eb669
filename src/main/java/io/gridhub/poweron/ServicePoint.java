package io.gridhub.poweron;

import java.time.OffsetDateTime;

/**
 * A new service point (接电点 / usage point) a connected case adds to the network, as the GIS is
 * asked to draw it.
 *
 * @param caseNo the case (业扩工单号)
 * @param customerNo customer number (户号)
 * @param name customer name
 * @param usageCategory usage category
 * @param contractedKva the capacity the customer was granted, kVA
 * @param serviceUnit the supply office
 * @param transformerRef the transformer it is supplied from (source id), or null
 * @param feederRef the 10 kV feeder, or null
 * @param lon longitude, EPSG:4490
 * @param lat latitude, EPSG:4490
 * @param connectedAt when it was connected
 */
public record ServicePoint(String caseNo, String customerNo, String name, String usageCategory, double contractedKva,
                           String serviceUnit, String transformerRef, String feederRef, double lon, double lat,
                           OffsetDateTime connectedAt) {
}

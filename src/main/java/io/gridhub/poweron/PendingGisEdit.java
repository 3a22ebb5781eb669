package io.gridhub.poweron;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A service point the GIS has not drawn yet (待GIS维护的新接电点): created at power-on, pending
 * until the GIS team confirms it.
 */
public record PendingGisEdit(UUID id, String caseNo, String customerNo, String name, String usageCategory,
                             double contractedKva, String serviceUnit, String transformerRef, String feederRef,
                             double lon, double lat, OffsetDateTime connectedAt, String messageId) {
}

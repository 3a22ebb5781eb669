package io.gridhub.reconciliation;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A finding as one run reported it (对账问题): the stable id it keeps across runs, what is wrong,
 * how bad, where (service unit, transformer area, feeder), the subject (customer number,
 * transformer source id or area code), its status now, and the evidence of both systems' records.
 */
public record Finding(UUID findingId, FindingKind kind, String severity, String status, boolean newInRun,
                      String serviceUnit, String transformerArea, String feederRef, String subject,
                      Instant firstSeenAt, @JsonRawValue String evidence) {
}

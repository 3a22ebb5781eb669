package io.gridhub.feeds;

/**
 * A record a run refused (QUARANTINED) or loaded with a warning (FLAGGED).
 *
 * @param assetType the asset type it was meant as, if known
 * @param sourceId its source id, if it had one
 * @param disposition QUARANTINED or FLAGGED
 * @param reason why
 * @param raw the record as the source sent it
 */
public record QuarantinedRecord(String assetType, String sourceId, String disposition, String reason, String raw) {}

package io.gridhub.feeds.source;

import java.util.function.Supplier;

import org.locationtech.jts.geom.Geometry;

/**
 * One record as read from a source, before mapping.
 *
 * @param attributes the source attributes
 * @param geometry geometry in the source's CRS, or null
 * @param featureId the feature id the source gave (GeoJSON {@code id}), or null
 * @param raw the record as the source sent it, produced only when needed (quarantine)
 */
public record SourceRecord(SourceAttributes attributes, Geometry geometry, String featureId, Supplier<String> raw) {}

/**
 * Coordinates: source CRSs (EPSG:4326, 4490, the CGCS2000 Gauss–Krüger zones 4545/4546, and the
 * obfuscated consumer-map GCJ-02) to the grid store's EPSG:4490, and GeoJSON geometry to JTS.
 */
package io.gridhub.feeds.geo;

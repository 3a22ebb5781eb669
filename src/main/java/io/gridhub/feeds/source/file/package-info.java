/**
 * File drop: GeoJSON, GeoJSONSeq, CSV (WKT or lon/lat columns), zip archives of those, and the
 * production MIS's monthly load exports (CSV, XLSX), read streaming.
 */
package io.gridhub.feeds.source.file;

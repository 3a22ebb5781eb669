/**
 * Feeds: configured sources (WFS 2.0, OGC API – Features, ArcGIS REST, file drop, production-MIS
 * loads) pulled on schedule, on request or on arrival, validated, and merged into the grid store
 * one run at a time, atomically. Runs and their quarantined records are on record.
 */
package io.gridhub.feeds;

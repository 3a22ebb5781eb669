/**
 * Applying a run to the grid store: records are streamed into per-run temporary staging tables
 * with COPY, then one transaction upserts what changed (by content hash), retires what a full
 * snapshot no longer holds, assembles line sections into their feeders, joins loads to their
 * assets, and records the run. Readers see the previous state until that commit.
 */
package io.gridhub.feeds.sync;

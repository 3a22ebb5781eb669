/**
 * Sample grid: a deterministic, seeded generator of a synthetic 10 kV grid around Ordos (鄂尔多斯),
 * written as GeoJSONSeq files plus a PMS-style monthly load CSV, for demos, the first-start loader and benchmarks.
 */
package io.gridhub.samplegrid;

/**
 * The grid store: the 10 kV network (substations, main transformers, busbars, feeders and their
 * sections, poles, ring main units, distribution transformers) and its measured loads, in PostGIS.
 */
package io.gridhub.grid;

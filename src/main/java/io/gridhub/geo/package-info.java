/**
 * Coordinates shared by every capability: the offsets of Chinese consumer maps (GCJ-02, BD-09)
 * that feeds and site requests both have to remove.
 */
package io.gridhub.geo;

/**
 * Map tiles of the grid store for the web workspace: Mapbox Vector Tiles rendered by PostGIS
 * ({@code ST_AsMVT}), one layer of every in-service asset and one of open capacity, cached in
 * memory and dropped when a feed run changes the grid.
 */
package io.gridhub.tiles;

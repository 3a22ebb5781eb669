package io.gridhub.siting;

import io.gridhub.grid.AssetType;

/** One asset of the grid store by type and source id (设备编码), as a map key. */
record AssetKey(AssetType type, String id) {
}

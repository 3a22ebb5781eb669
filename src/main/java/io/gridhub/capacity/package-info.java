/**
 * Open capacity (可开放容量) along the supply chain, distribution transformer → 10 kV feeder →
 * main transformer → substation: rated × cap − measured peak − committed, every term stated, and
 * the capacity promised to accepted cases ({@code capacity.commitment}).
 */
package io.gridhub.capacity;

/**
 * Grid changes between hub instances and to other systems: a committed feed run's
 * {@link io.gridhub.grid.GridChanged} goes out through the outbox to the grid-changed topic, and every
 * instance turns what it hears on that topic from the others back into a local GridChanged, so their
 * caches (peak window, tie-in data) follow the grid store.
 */
package io.gridhub.messaging.gridchange;

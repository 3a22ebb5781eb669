/**
 * Field mapping: source attributes (as the source spells them, in any case, numbers possibly as
 * text) onto the grid store's fields, with unit conversion (MVA→kVA, MW→kW, rated current at a
 * voltage → kVA) and code lists (柱上变 → POLE_MOUNTED).
 */
package io.gridhub.feeds.mapping;

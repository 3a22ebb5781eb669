/**
 * Power-on closes the loop (装表接电): when a case reaches power-on its customer joins the register,
 * the connected-customer counts change, its capacity promise gives way to measured load once a
 * measured peak includes it, and the new service point goes to the GIS as an IEC 61968-100
 * {@code created UsagePoint} and stays in the pending GIS edits until the GIS team confirms it.
 */
package io.gridhub.poweron;

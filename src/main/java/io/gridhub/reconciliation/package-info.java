/**
 * MIS ⇄ GIS reconciliation (营配贯通 data quality): compares the customer register with the grid
 * store on a schedule (once per cluster) and on demand, in set-based SQL, and keeps each
 * disagreement as a finding with a stable id, severity, evidence and status across runs.
 */
package io.gridhub.reconciliation;

/**
 * Cases (业扩工单): the hub's mirror of the marketing MIS's new-connection applications, their
 * stages with time limits on a working-day calendar, access by service unit, and the audit log.
 */
package io.gridhub.cases;

/**
 * Follow-up visits (回访): once a case is powered on the dispatcher calls the customer within a few
 * working days and records whether they were reached and how satisfied they are; the MIS hears the outcome.
 */
package io.gridhub.cases.followup;

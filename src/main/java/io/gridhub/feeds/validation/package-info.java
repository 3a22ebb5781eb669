/**
 * Record checks before staging: geometry present, valid and of the expected type inside the service
 * area; ratings positive and plausible; code lists; load figures sane. A failed check quarantines
 * the record with its reason and the run goes on.
 */
package io.gridhub.feeds.validation;

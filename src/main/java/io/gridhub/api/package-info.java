/**
 * What the hub's interfaces share across capabilities: the invalid-input exception and the one
 * shape of a 400 (an RFC 9457 problem document naming the field), the one safe parser for XML
 * from other systems ({@code SafeXml}) and health components answered within a deadline
 * ({@code HealthWithDeadline}), and which hub instance this is ({@code SchedulerInstance}). Depends on no
 * capability.
 */
package io.gridhub.api;

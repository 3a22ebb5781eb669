/**
 * The IEC 61968-100 message envelope (namespace {@code http://iec.ch/TC57/2011/schema/message}):
 * request, response and event messages with their Header, Request, Reply and Payload, read and
 * written in the normative XML form and in the standard's JSON form (same header fields).
 */
package io.gridhub.messaging.iec61968;

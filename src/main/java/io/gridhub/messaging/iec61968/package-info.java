/**
 * The IEC 61968-100 message envelope (namespace {@code http://iec.ch/TC57/2011/schema/message}):
 * request, response and event messages with their Header, Request, Reply and Payload, read and
 * written as XML.
 */
package io.gridhub.messaging.iec61968;

/**
 * What the hub's interfaces share across capabilities: the invalid-input exception and the one
 * shape of a 400 (an RFC 9457 problem document naming the field). Depends on no capability.
 */
package io.gridhub.api;

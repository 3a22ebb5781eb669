/**
 * Reading sources record by record, streamed: a source hands each record to a {@link
 * io.gridhub.feeds.source.RecordSink} as it parses it, so no input is ever held whole in memory.
 */
package io.gridhub.feeds.source;

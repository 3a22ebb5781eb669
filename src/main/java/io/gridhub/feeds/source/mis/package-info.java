/**
 * The production MIS (PMS) over JDBC: a view polled with a configured query, incrementally by a
 * watermark column.
 */
package io.gridhub.feeds.source.mis;

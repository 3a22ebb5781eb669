/**
 * Paged HTTP sources: OGC WFS 2.0, OGC API – Features and ArcGIS REST. Each page is fetched with
 * retries and back-off (timeouts, 5xx), held only while it is parsed, and streamed into the run.
 */
package io.gridhub.feeds.source.http;

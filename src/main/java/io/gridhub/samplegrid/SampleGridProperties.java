package io.gridhub.samplegrid;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys {@code hub.sample-grid.*}.
 *
 * @param loadOnStart load the sample grid when the grid store is empty at start-up
 * @param location folder with the sample grid files
 * @param feedId the feed id the sample assets are recorded under
 */
@ConfigurationProperties("hub.sample-grid")
public record SampleGridProperties(boolean loadOnStart, Path location, String feedId) {}

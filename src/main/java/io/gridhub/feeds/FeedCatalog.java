package io.gridhub.feeds;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The configured feeds: {@code hub.feeds.<feed-id>}. Bound as a map so that any Spring
 * configuration source (an extra YAML file named in {@code spring.config.import}, environment
 * variables) can add feeds without code.
 */
@ConfigurationProperties("hub")
public class FeedCatalog {

    private final Map<String, FeedDefinition> feeds = new TreeMap<>();

    public Map<String, FeedDefinition> getFeeds() {
        return feeds;
    }

    /** Feeds by id, in id order, with default inboxes resolved. */
    public Map<String, FeedDefinition> all() {
        return Collections.unmodifiableMap(feeds);
    }

    public Optional<FeedDefinition> find(String feedId) {
        return Optional.ofNullable(feeds.get(feedId));
    }
}

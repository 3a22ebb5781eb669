package io.gridhub.feeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the feeds' Camel routes from the templates in routes/ once they are loaded: for every
 * configured feed its route {@code feed-<id>} (template {@code feed}: every run of the feed, by
 * any trigger), and for every enabled file feed its inbox watcher {@code file-drop-<id>} (template
 * {@code file-drop-feed}). Feed routes come first, so an inbox never hands a file to a feed route
 * that is not there yet.
 */
@Component
class FeedRoutes implements CamelContextConfiguration {

    /** The endpoint of a feed's route, where every trigger sends its runs. */
    static String endpoint(String feedId) {
        return "direct:feed-" + feedId;
    }

    private static final Logger log = LoggerFactory.getLogger(FeedRoutes.class);

    private final FeedCatalog catalog;
    private final FeedPolicy policy;

    FeedRoutes(FeedCatalog catalog, FeedPolicy policy) {
        this.catalog = catalog;
        this.policy = policy;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        // routes are added once the YAML templates are loaded
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        catalog.all().forEach((id, feed) -> add(context, "feed", "feed-" + id, id, null));
        catalog.all().forEach((id, feed) -> {
            if (!feed.isFileDrop() || !feed.isEnabled()) {
                return;
            }
            Path inbox = FeedInboxes.inbox(id, feed, policy);
            try {
                Files.createDirectories(inbox);
                Files.createDirectories(FeedInboxes.done(inbox));
                Files.createDirectories(FeedInboxes.error(inbox));
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the inbox of feed " + id + " at " + inbox, e);
            }
            add(context, "file-drop-feed", "file-drop-" + id, id, inbox);
            log.info("feed {} watches {}", id, inbox);
        });
    }

    private void add(CamelContext context, String template, String routeId, String feedId, Path inbox) {
        try {
            TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(context, template).routeId(routeId)
                    .parameter("feedId", feedId);
            if (inbox != null) {
                route.parameter("inbox", inbox.toString())
                        .parameter("pollDelay", Long.toString(policy.filePollDelay().toMillis()));
            }
            route.add();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start route " + routeId + " of feed " + feedId, e);
        }
    }
}

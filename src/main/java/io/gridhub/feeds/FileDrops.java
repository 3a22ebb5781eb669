package io.gridhub.feeds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * File feeds: one route per enabled file feed, made from the {@code file-drop-feed} template
 * (routes/file-drop-feed.camel.yaml), watching the feed's inbox. This bean is also the routes'
 * step (a dropped file becomes a run) and, when the run fails, writes the reason file that the
 * error policy leaves beside the file in {@code error/}.
 */
@Component("feedFileDrops")
public class FileDrops implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FileDrops.class);

    private final FeedCatalog catalog;
    private final FeedPolicy policy;
    private final FeedRunService runs;

    FileDrops(FeedCatalog catalog, FeedPolicy policy, FeedRunService runs) {
        this.catalog = catalog;
        this.policy = policy;
        this.runs = runs;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        // routes are added once the YAML templates are loaded
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
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
            try {
                TemplatedRouteBuilder.builder(context, "file-drop-feed")
                        .routeId("file-drop-" + id)
                        .parameter("feedId", id)
                        .parameter("inbox", inbox.toString())
                        .parameter("pollDelay", Long.toString(policy.filePollDelay().toMillis()))
                        .add();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the file route of feed " + id, e);
            }
            log.info("feed {} watches {}", id, inbox);
        });
    }

    /** The route's step: runs the feed over the dropped file; a failed run fails the exchange. */
    public FeedRun process(String feedId, String file) {
        FeedRun run = runs.runFiles(feedId, List.of(Path.of(file)));
        if (!FeedRun.SUCCEEDED.equals(run.status())) {
            throw new FileRejectedException(run);
        }
        return run;
    }

    /** Error policy step: writes {@code <name>.reason.txt} into error/ beside where the file goes. */
    public void writeReason(Exchange exchange) throws IOException {
        Path file = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class));
        Path error = FeedInboxes.error(file.getParent());
        Files.createDirectories(error);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String text;
        if (cause instanceof FileRejectedException rejected) {
            FeedRun r = rejected.run();
            text = "file: " + file.getFileName() + "\nfeed: " + r.feedId() + "\nrun: " + r.id()
                    + "\nat: " + Instant.now() + "\nreason: " + r.error() + "\n";
        } else {
            text = "file: " + file.getFileName() + "\nat: " + Instant.now() + "\nreason: "
                    + (cause == null ? "unknown" : cause.toString()) + "\n";
        }
        Files.writeString(error.resolve(file.getFileName() + ".reason.txt"), text, StandardCharsets.UTF_8);
    }

    /** A dropped file's run failed. */
    public static final class FileRejectedException extends RuntimeException {
        private final transient FeedRun run;

        FileRejectedException(FeedRun run) {
            super("run " + run.id() + " of feed " + run.feedId() + " failed: " + run.error());
            this.run = run;
        }

        public FeedRun run() {
            return run;
        }
    }
}

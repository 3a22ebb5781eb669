package io.gridhub.feeds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * File feeds' steps: a dropped file becomes a run (the FILE trigger of the feed's route, see
 * routes/feed-run.camel.yaml) and, when the run fails, the reason file that the file-drop
 * route's error policy leaves beside the file in {@code error/}. The routes are made by
 * {@link FeedRoutes}.
 */
@Component("feedFileDrops")
public class FileDrops {

    private final FeedRunService runs;

    FileDrops(FeedRunService runs) {
        this.runs = runs;
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

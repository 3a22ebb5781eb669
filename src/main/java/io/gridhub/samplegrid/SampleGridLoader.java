package io.gridhub.samplegrid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.gridhub.feeds.FeedCatalog;
import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedRun;
import io.gridhub.feeds.FeedRunService;
import io.gridhub.grid.AssetType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Loads the sample Ordos grid from {@code geodata/} into an empty grid store at start-up, through
 * the file-drop feed {@code hub.sample-grid.feed-id} names (shipped: {@code ordos-sample}) as one
 * run: validated, recorded, announced like any other, and all or nothing (a crash half-way leaves
 * the store empty and the next start tries again). Files are the generator's GeoJSONSeq (one per
 * asset type, property names = column names) and its production-MIS style load export
 * {@code loads.csv}.
 */
@Component
@EnableConfigurationProperties(SampleGridProperties.class)
public class SampleGridLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleGridLoader.class);

    private final JdbcTemplate jdbc;
    private final SampleGridProperties properties;
    private final FeedCatalog feeds;
    private final FeedRunService feedRuns;

    public SampleGridLoader(JdbcTemplate jdbc, SampleGridProperties properties, FeedCatalog feeds,
                            FeedRunService feedRuns) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.feeds = feeds;
        this.feedRuns = feedRuns;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.loadOnStart()) {
            return;
        }
        Long substations = jdbc.queryForObject("SELECT count(*) FROM grid.substation", Long.class);
        if (substations != null && substations > 0) {
            log.info("grid store holds {} substations: sample grid not loaded", substations);
            return;
        }
        Path dir = properties.location();
        if (!Files.isDirectory(dir)) {
            log.warn("sample grid folder {} does not exist: the grid store stays empty", dir.toAbsolutePath());
            return;
        }
        if (feeds.find(properties.feedId()).filter(FeedDefinition::isFileDrop).isEmpty()) {
            log.warn("hub.sample-grid.feed-id '{}' names no file-drop feed (see hub.feeds): the sample grid is not loaded",
                    properties.feedId());
            return;
        }
        List<Path> files = new ArrayList<>();
        for (AssetType type : AssetType.values()) {
            Path file = dir.resolve(type.table() + ".geojsonl");
            if (Files.exists(file)) {
                files.add(file);
            }
        }
        if (Files.exists(dir.resolve("loads.csv"))) {
            files.add(dir.resolve("loads.csv"));
        }
        FeedRun run = feedRuns.runFiles(properties.feedId(), files);
        log.info("sample Ordos grid from {} through feed {}: run {} {} (inserted {}, quarantined {}){}", dir,
                properties.feedId(), run.id(), run.status(), run.inserted(), run.quarantined(),
                run.error() == null ? "" : ": " + run.error());
    }
}

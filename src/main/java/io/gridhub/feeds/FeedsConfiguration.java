package io.gridhub.feeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gridhub.feeds.geo.SourceCrs;
import io.gridhub.feeds.mapping.AssetMapper;
import io.gridhub.feeds.mapping.LoadMapper;
import org.quartz.CronExpression;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the feeds and the feed policy, and refuses to start with a feed that cannot work (missing
 * URL, unknown CRS or unit, a mapping naming fields the asset type lacks, a bad cron): a GIS
 * analyst learns at start-up, not at 2 a.m. when the schedule fires.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({FeedCatalog.class, FeedPolicy.class})
class FeedsConfiguration implements InitializingBean {

    private final FeedCatalog catalog;

    FeedsConfiguration(FeedCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, FeedDefinition> e : catalog.all().entrySet()) {
            problems.addAll(problems(e.getKey(), e.getValue()));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid feed configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    static List<String> problems(String id, FeedDefinition f) {
        List<String> problems = new ArrayList<>();
        String p = "hub.feeds." + id + ".";
        if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            problems.add(p + " feed ids are lower-case letters, digits and dashes");
        }
        switch (f.kind()) {
            case WFS, OGC_API -> {
                if (f.url() == null) problems.add(p + "url is missing");
                if (f.layer() == null) problems.add(p + "layer is missing");
                if (f.assetType() == null) problems.add(p + "asset-type is missing");
            }
            case ARCGIS -> {
                if (f.url() == null) problems.add(p + "url is missing");
                if (f.assetType() == null) problems.add(p + "asset-type is missing");
            }
            case MIS_JDBC -> {
                if (f.url() == null) problems.add(p + "url is missing");
                if (f.sql() == null) problems.add(p + "sql is missing");
            }
            default -> { }
        }
        try {
            SourceCrs.kindOf(f.effectiveCrs());
        } catch (IllegalArgumentException e) {
            problems.add(p + "crs: " + e.getMessage());
        }
        if (f.schedule() != null && !f.schedule().isBlank() && !CronExpression.isValidExpression(f.schedule())) {
            problems.add(p + "schedule '" + f.schedule() + "' is not a Quartz cron expression (seconds first)");
        }
        if (f.pageSize() != null && f.pageSize() <= 0) {
            problems.add(p + "page-size must be positive");
        }
        try {
            if (f.assetType() != null) {
                new AssetMapper(f.assetType(), f.mapping(), SourceCrs.of("EPSG:4490"));
            } else if (f.kind() == FeedKind.MIS_JDBC || f.kind() == FeedKind.MIS_LOAD_FILE) {
                new LoadMapper(f.mapping());
            } else {
                new LoadMapper(LoadMapper.loadKeysOf(f.mapping()));
            }
        } catch (IllegalArgumentException e) {
            problems.add(p + "mapping: " + e.getMessage());
        }
        return problems;
    }
}

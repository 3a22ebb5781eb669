package io.gridhub.siting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gridhub.HubIntegrationTest;
import io.gridhub.feeds.FeedRun;
import io.gridhub.feeds.FeedRunRepository;
import io.gridhub.feeds.FeedRunner;
import io.gridhub.feeds.RunTrigger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 item 14: the same transformer (type and source id) published by two feeds is one
 * physical asset. The feed that loaded it first keeps it in service; the other feed's record is
 * kept as a cross-feed DUPLICATE, counted in its run and flagged "also published by feed X";
 * siting's transformer search answers it once; when the first feed retires it, the other feed's
 * record takes over. Two file feeds over the real database, siting's own query.
 */
@HubIntegrationTest
class CrossFeedDuplicatesIT {

    // a corner of the service area no other test uses
    static final double LON = 108.52;
    static final double LAT = 38.47;

    @Autowired
    FeedRunner runner;
    @Autowired
    FeedRunRepository runs;
    @Autowired
    CandidateSearchRepository search;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAssetTwoFeedsPublishIsAnsweredOnceAndFlagged() throws Exception {
        FeedRun a = run("test-dup-a", Map.of("DUP-1", 400, "DUP-2", 400, "DUP-3", 400));
        assertThat(a.status()).as(a.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(a.inserted()).isEqualTo(3);
        assertThat(a.crossFeedDuplicates()).isZero();

        // DUP-2 as feed A has it, DUP-3 with another rating, DUP-4 only here
        FeedRun b = run("test-dup-b", Map.of("DUP-2", 400, "DUP-3", 630, "DUP-4", 400));
        assertThat(b.status()).as(b.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(b.inserted()).isEqualTo(3);
        assertThat(b.crossFeedDuplicates()).isEqualTo(2);
        // both counted, the first listed (the tests' hub.feed-policy.max-duplicates-listed is 1)
        assertThat(runs.quarantined(b.id(), 50, 0)).filteredOn(q -> q.reason().startsWith("also published"))
                .extracting(q -> q.sourceId() + " " + q.disposition() + " " + q.reason())
                .containsExactly(
                        "DUP-2 FLAGGED also published by feed test-dup-a, whose record is in service: kept as a cross-feed duplicate");
        assertThat(answered()).containsExactly("DUP-1", "DUP-2", "DUP-3", "DUP-4");
        assertThat(inService("DUP-3")).isEqualTo("test-dup-a");

        // the same snapshot again: nothing rewritten, nothing retired, the duplicates reported again
        FeedRun again = run("test-dup-b", Map.of("DUP-2", 400, "DUP-3", 630, "DUP-4", 400));
        assertThat(again.status()).as(again.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(again.inserted() + again.updated() + again.retired()).isZero();
        assertThat(again.crossFeedDuplicates()).isEqualTo(2);
        assertThat(answered()).containsExactly("DUP-1", "DUP-2", "DUP-3", "DUP-4");

        // feed A drops DUP-2: feed B's record of it takes over, still answered once
        FeedRun dropped = run("test-dup-a", Map.of("DUP-1", 400, "DUP-3", 400));
        assertThat(dropped.status()).as(dropped.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(dropped.retired()).isEqualTo(1);
        assertThat(inService("DUP-2")).isEqualTo("test-dup-b");
        assertThat(answered()).containsExactly("DUP-1", "DUP-2", "DUP-3", "DUP-4");
        assertThat(jdbc.queryForObject("SELECT lifecycle FROM grid.distribution_transformer"
                + " WHERE feed_id = 'test-dup-b' AND source_id = 'DUP-3'", String.class)).isEqualTo("DUPLICATE");
    }

    /** Transformers siting's search finds around the test's spot, in answer order, by id. */
    List<String> answered() {
        return search.transformersWithin(LON, LAT, 2000, 50).stream().map(SourceHit::assetId).sorted().toList();
    }

    String inService(String sourceId) {
        return jdbc.queryForObject("SELECT string_agg(feed_id, ',') FROM grid.distribution_transformer"
                + " WHERE source_id = ? AND lifecycle = 'IN_SERVICE'", String.class, sourceId);
    }

    /** A run of a file feed over one GeoJSONSeq file of public pole-mounted transformers (id → kVA). */
    FeedRun run(String feedId, Map<String, Integer> transformers) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, Integer> t : new java.util.TreeMap<>(transformers).entrySet()) {
            int n = Integer.parseInt(t.getKey().substring(4));
            lines.append("""
                    {"type":"Feature","geometry":{"type":"Point","coordinates":[%s,%s]},"properties":{"source_id":"%s",\
                    "kind":"POLE_MOUNTED","ownership":"PUBLIC","rated_kva":%d,"feeder_ref":"FDR-DUP"}}
                    """.formatted(LON + n * 0.001, LAT, t.getKey(), t.getValue()));
        }
        Path file = Files.createTempFile(feedId, ".geojsonl");
        Files.writeString(file, lines);
        UUID id = runs.create(feedId, RunTrigger.FILE, file.getFileName().toString());
        return runner.run(new FeedRunner.Request(id, feedId, List.of(file), true));
    }
}

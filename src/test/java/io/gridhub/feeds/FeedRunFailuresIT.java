package io.gridhub.feeds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.gridhub.HubIntegrationTest;
import io.gridhub.geo.ServiceArea;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;

/**
 * Issue 11 items 2 and 9: what goes wrong around a run must leave a true record. An {@link Error}
 * in the middle of a run (an OutOfMemoryError) fails the run instead of leaving it RUNNING and its
 * feed stuck; a failure to announce a committed run never turns it into a failed one. A FeedRunner
 * of the test's own, over the real database, with the one part that fails swapped.
 */
@HubIntegrationTest
class FeedRunFailuresIT {

    @Autowired
    DataSource dataSource;
    @Autowired
    FeedCatalog catalog;
    @Autowired
    FeedPolicy policy;
    @Autowired
    FeedRunRepository runs;
    @Autowired
    GridChangeAnnouncer announcer;
    @Autowired
    ServiceArea serviceArea;
    @Autowired
    JdbcTemplate jdbc;

    Path poles(String id) throws Exception {
        Path file = Files.createTempFile("poles", ".geojsonl");
        Files.writeString(file, TestGrid.json(TestGrid.f(id, TestGrid.point(109.96, 39.81), "feeder_ref", "FDR-A1")));
        return file;
    }

    FeedRun run(FeedRunner runner, Path file) {
        UUID id = runs.create("test-runner", RunTrigger.FILE, file.getFileName().toString());
        return runner.run(new FeedRunner.Request(id, "test-runner", List.of(file), true));
    }

    @Test
    void anErrorInTheMiddleOfARunFailsItAndTheFeedRunsAgain() throws Exception {
        ServiceArea exhausted = Mockito.mock(ServiceArea.class, invocation -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        });
        FeedRun failed = run(new FeedRunner(dataSource, catalog, policy, runs, announcer, exhausted, java.util.List.of()), poles("OOM-1"));
        assertThat(failed.status()).isEqualTo(FeedRun.FAILED);
        assertThat(failed.error()).contains("OutOfMemoryError").contains("Java heap space");
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(runs.running("test-runner")).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid.pole WHERE source_id = 'OOM-1'", Long.class)).isZero();

        FeedRun again = run(new FeedRunner(dataSource, catalog, policy, runs, announcer, serviceArea, java.util.List.of()), poles("OOM-1"));
        assertThat(again.status()).as(again.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(again.inserted()).isEqualTo(1);
    }

    @Test
    void aCommittedRunStaysSucceededWhenItsAnnouncementFails() throws Exception {
        GridChangeAnnouncer broken = Mockito.mock(GridChangeAnnouncer.class);
        doThrow(new IllegalStateException("broker gone")).when(broken).announce(anyString(), anyString(), any(), any());
        FeedRun run = run(new FeedRunner(dataSource, catalog, policy, runs, broken, serviceArea, java.util.List.of()), poles("ANNOUNCE-1"));
        assertThat(run.status()).as(run.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(run.inserted()).isEqualTo(1);
        Mockito.verify(broken).announce(anyString(), anyString(), any(), any());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid.pole WHERE source_id = 'ANNOUNCE-1' AND lifecycle = 'IN_SERVICE'",
                Long.class)).isEqualTo(1);
    }
}

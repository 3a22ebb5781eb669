package io.gridhub.siting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.gridhub.HubIntegrationTest;
import io.gridhub.grid.GridChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The feeder search looks at whole feeder lines only while some in-service feeder has no line
 * sections; that is re-checked on every {@link GridChanged}, and a feeder without sections is
 * found by its whole line from the next search on.
 */
@HubIntegrationTest
class WholeFeederLinesIT {

    private static final String FEED = "test-whole-lines";
    /** An empty corner of the service area. */
    private static final double LON = 111.60;
    private static final double LAT = 37.45;

    @Autowired
    CandidateSearchRepository search;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;

    @AfterEach
    void remove() {
        jdbc.update("DELETE FROM grid.feeder_section WHERE feed_id = ?", FEED);
        jdbc.update("DELETE FROM grid.feeder WHERE feed_id = ?", FEED);
        changed();
    }

    @Test
    void aFeederWithoutSectionsIsFoundByItsWholeLineAfterTheGridChanged() {
        assertThat(search.feedersWithin(LON, LAT, 500, 10, 5)).as("nothing near the site before").isEmpty();

        feeder("WFL-F1", "LINESTRING(111.5990 37.4520, 111.6010 37.4520)"); // about 222 m north of the site
        changed();

        assertThat(search.wholeFeederLines()).isTrue();
        List<SourceHit> hits = search.feedersWithin(LON, LAT, 500, 10, 5);
        assertThat(hits).extracting(SourceHit::assetId).containsExactly("WFL-F1");
        assertThat(hits.get(0).distanceM()).isCloseTo(222.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(hits.get(0).lineKind()).isNull();
    }

    @Test
    void aFeederWithSectionsIsFoundByItsSectionsOnly() {
        feeder("WFL-F2", "LINESTRING(111.5990 37.4510, 111.6010 37.4510)");
        // its only section lies farther from the site than its whole line
        jdbc.update("INSERT INTO grid.feeder_section (feed_id, source_id, name, feeder_ref, line_kind, geom) "
                + "VALUES (?, 'WFL-F2-S1', 'WFL-F2-S1', 'WFL-F2', 'OVERHEAD', "
                + "ST_GeomFromText('LINESTRING(111.5990 37.4530, 111.6010 37.4530)', 4490))", FEED);
        changed();

        assertThat(search.wholeFeederLines()).isEqualTo(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM grid.feeder f WHERE f.lifecycle = 'IN_SERVICE'
                               AND NOT EXISTS (SELECT 1 FROM grid.feeder_section x WHERE x.feeder_ref = f.source_id))
                """, Boolean.class));
        List<SourceHit> hits = search.feedersWithin(LON, LAT, 500, 10, 5);
        assertThat(hits).extracting(SourceHit::assetId).containsExactly("WFL-F2");
        assertThat(hits.get(0).lineKind()).isEqualTo(LineKind.OVERHEAD);
        assertThat(hits.get(0).distanceM()).as("distance to the section, not to the whole line (111 m)")
                .isCloseTo(333.0, org.assertj.core.data.Offset.offset(1.5));
    }

    private void feeder(String id, String wkt) {
        jdbc.update("INSERT INTO grid.feeder (feed_id, source_id, name, substation_ref, voltage_kv, rated_kva, geom) "
                + "VALUES (?, ?, ?, 'WFL-SUB', 10, 5000, ST_Multi(ST_GeomFromText(?, 4490)))", FEED, id, id, wkt);
    }

    private void changed() {
        events.publishEvent(new GridChanged(FEED, "test", Map.of(), false, null, Instant.now()));
    }
}

package io.gridhub.capacity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.gridhub.HubIntegrationTest;
import io.gridhub.grid.GridChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Siting's capacity terms through {@link ChainTermsCache}, on a few hand-made assets (feed
 * terms-cache-fixture, around 107.70°E 38.70°N): the same terms as straight from the store;
 * commitments always read afresh; ratings and peaks kept until a feed run announces a change;
 * a substation's main transformers followed too.
 */
@HubIntegrationTest
class ChainTermsCacheIT {

    private static final String FEED = "terms-cache-fixture";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CapacityService capacity;
    @Autowired
    CapacityRepository store;
    @Autowired
    ApplicationEventPublisher events;

    @BeforeEach
    void install() {
        remove();
        java.sql.Date latest = jdbc.queryForObject("SELECT coalesce(max(period_start), date_trunc('month', now())::date) "
                + "FROM grid.measured_peak_load", java.sql.Date.class);
        jdbc.update("INSERT INTO grid.substation (feed_id, source_id, name, voltage_kv, geom) VALUES "
                + "(?, 'TCF-SUB', 'TCF 35kV', 35, ST_SetSRID(ST_MakePoint(107.700, 38.700), 4490))", FEED);
        jdbc.update("INSERT INTO grid.main_transformer (feed_id, source_id, substation_ref, rated_kva) VALUES "
                + "(?, 'TCF-MT1', 'TCF-SUB', 10000), (?, 'TCF-MT2', 'TCF-SUB', 10000)", FEED, FEED);
        jdbc.update("INSERT INTO grid.feeder (feed_id, source_id, substation_ref, rated_kva, tie_feeder_refs, geom) "
                + "VALUES (?, 'TCF-F1', 'TCF-SUB', 6000, '{A}', "
                + "ST_GeomFromText('MULTILINESTRING((107.700 38.700, 107.705 38.705))', 4490))", FEED);
        jdbc.update("INSERT INTO grid.distribution_transformer (feed_id, source_id, kind, ownership, rated_kva, feeder_ref, geom) "
                + "VALUES (?, 'TCF-T1', 'BOX_TYPE', 'PUBLIC', 630, 'TCF-F1', ST_SetSRID(ST_MakePoint(107.703, 38.703), 4490))",
                FEED);
        String load = "INSERT INTO grid.measured_peak_load (feed_id, asset_type, asset_ref, period_start, period_end, "
                + "peak_kw, power_factor) VALUES (?, ?, ?, ?, ?::date + 27, ?, ?)";
        jdbc.update(load, FEED, "DISTRIBUTION_TRANSFORMER", "TCF-T1", latest, latest, 340.0, 0.85);
        jdbc.update(load, FEED, "FEEDER", "TCF-F1", latest, latest, 2000.0, null);
        jdbc.update(load, FEED, "MAIN_TRANSFORMER", "TCF-MT1", latest, latest, 5400.0, 0.9);
        jdbc.update(load, FEED, "MAIN_TRANSFORMER", "TCF-MT2", latest, latest, 3600.0, 0.9);
        announce();
    }

    @AfterEach
    void remove() {
        for (String t : new String[] {"distribution_transformer", "feeder", "main_transformer", "substation"}) {
            jdbc.update("DELETE FROM grid." + t + " WHERE feed_id = ?", FEED);
        }
        jdbc.update("DELETE FROM grid.measured_peak_load WHERE feed_id = ?", FEED);
        jdbc.update("DELETE FROM capacity.commitment WHERE case_ref LIKE 'TCF-CASE%'");
        announce();
    }

    /** What a feed run's commit announces (here, and from other instances over the grid-changed topic). */
    private void announce() {
        events.publishEvent(new GridChanged(FEED, "fixture", Map.of(), true, null, Instant.now()));
    }

    private Map<String, MeasuredAsset> cached() {
        return byId(capacity.measure(List.of("TCF-T1"), List.of("TCF-F1"), List.of(), List.of("TCF-SUB")));
    }

    private Map<String, MeasuredAsset> fromStore() {
        return byId(store.chainTerms(List.of("TCF-T1"), List.of("TCF-F1"), List.of(), List.of("TCF-SUB")));
    }

    private static Map<String, MeasuredAsset> byId(List<MeasuredLink> links) {
        return links.stream().map(MeasuredLink::asset).collect(Collectors.toMap(MeasuredAsset::assetId, Function.identity()));
    }

    @Test
    void theSameTermsAsTheStoreCommitmentsAlwaysAfreshTheRestUntilAFeedRunSaysOtherwise() {
        assertThat(cached()).isEqualTo(fromStore()).containsOnlyKeys("TCF-T1", "TCF-F1", "TCF-MT1", "TCF-MT2");
        assertThat(cached()).isEqualTo(fromStore()); // now from memory
        assertThat(cached().get("TCF-MT1").mainTransformersInSubstation()).isEqualTo(2);

        // a promise made by a case (on any instance) counts at once
        jdbc.update("INSERT INTO capacity.commitment (case_ref, asset_type, asset_ref, committed_kva) "
                + "VALUES ('TCF-CASE-1', 'FEEDER', 'TCF-F1', 750), ('TCF-CASE-2', 'FEEDER', 'TCF-F1', 250)");
        assertThat(cached().get("TCF-F1").committedKva()).isEqualTo(1000.0);
        assertThat(cached()).isEqualTo(fromStore());
        jdbc.update("UPDATE capacity.commitment SET status = 'CANCELLED', closed_at = now() WHERE case_ref = 'TCF-CASE-2'");
        assertThat(cached().get("TCF-F1").committedKva()).isEqualTo(750.0);

        // a rating changed behind the hub's back is not seen until a feed run announces a change
        jdbc.update("UPDATE grid.feeder SET rated_kva = 8000 WHERE source_id = 'TCF-F1'");
        jdbc.update("UPDATE grid.main_transformer SET lifecycle = 'RETIRED' WHERE source_id = 'TCF-MT2'");
        assertThat(cached().get("TCF-F1").ratedKva()).isEqualTo(6000.0);
        assertThat(cached()).containsKey("TCF-MT2");
        assertThat(fromStore().get("TCF-F1").ratedKva()).isEqualTo(8000.0);

        announce();
        Map<String, MeasuredAsset> after = cached();
        assertThat(after).isEqualTo(fromStore()).containsOnlyKeys("TCF-T1", "TCF-F1", "TCF-MT1");
        assertThat(after.get("TCF-F1").ratedKva()).isEqualTo(8000.0);
        assertThat(after.get("TCF-F1").committedKva()).isEqualTo(750.0);
        assertThat(after.get("TCF-MT1").mainTransformersInSubstation()).isEqualTo(1);
    }

    @Test
    void unknownAssetsAreRememberedAsAbsentAndAppearWithTheRunThatAddsThem() {
        assertThat(byId(capacity.measure(List.of("TCF-T9"), List.of(), List.of("TCF-MT9"), List.of()))).isEmpty();
        jdbc.update("INSERT INTO grid.main_transformer (feed_id, source_id, substation_ref, rated_kva) VALUES "
                + "(?, 'TCF-MT9', 'TCF-SUB', 20000)", FEED);
        assertThat(byId(capacity.measure(List.of(), List.of(), List.of("TCF-MT9"), List.of()))).isEmpty();
        announce();
        assertThat(byId(capacity.measure(List.of(), List.of(), List.of("TCF-MT9"), List.of())))
                .containsOnlyKeys("TCF-MT9");
    }
}

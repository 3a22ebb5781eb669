package io.gridhub.feeds.sync;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.gridhub.HubIntegrationTest;
import io.gridhub.feeds.FeedMode;
import io.gridhub.feeds.mapping.MappedAsset;
import io.gridhub.grid.AssetType;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two routes of {@link Staging} against the real grid store, inside one transaction that is
 * rolled back: a bulk first load into an empty table (indexes dropped and rebuilt exactly as the
 * schema defines them, column defaults applied), then the same snapshot again on the staged route,
 * recognised as unchanged by the content hashes the direct route stored.
 */
@HubIntegrationTest
class StagingRoutesIT {

    static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4490);

    @Autowired
    DataSource dataSource;

    @Test
    void aFirstLoadGoesStraightToTheStoreAndItsRerunIsRecognisedUnchanged() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<String> indexesBefore = indexes(c, "feeder");
                String substation = single(c, "SELECT source_id FROM grid.substation WHERE lifecycle = 'IN_SERVICE' LIMIT 1");
                try (Statement s = c.createStatement()) {
                    s.execute("DELETE FROM grid.feeder"); // empty, as for a new hub (rolled back below)
                }
                List<MappedAsset> feeders = List.of(
                        feeder("BULK-1", substation, new BigDecimal("10"), List.of("BULK-2")),
                        feeder("BULK-2", substation, null, null)); // voltage and ties take the column defaults

                Staging first = new Staging(c, "bulk-test", true);
                for (MappedAsset f : feeders) {
                    first.add(f);
                }
                assertThat(first.types().get(AssetType.FEEDER).route).isEqualTo(Staging.Route.DIRECT);
                assertThat(first.types().get(AssetType.FEEDER).deferredIndexes).isNotEmpty();
                first.finish();
                MergeResult loaded = StoreSync.merge(c, "bulk-test", UUID.randomUUID(), first, FeedMode.FULL,
                        Set.of(AssetType.FEEDER), java.util.Map.of(), RetireGuard.OFF);
                first.close();
                assertThat(loaded.inserted()).isEqualTo(2);
                assertThat(loaded.extent()).containsExactly(109.90, 39.80, 109.91, 39.81);
                assertThat(indexes(c, "feeder")).as("rebuilt as the schema defines them").isEqualTo(indexesBefore);
                assertThat(single(c, "SELECT voltage_kv || ' ' || tie_feeder_refs::text FROM grid.feeder WHERE source_id = 'BULK-2'"))
                        .isEqualTo("10.0 {}");

                Staging again = new Staging(c, "bulk-test", true);
                for (MappedAsset f : feeders) {
                    again.add(f);
                }
                assertThat(again.types().get(AssetType.FEEDER).route).isEqualTo(Staging.Route.STAGED);
                again.finish();
                MergeResult rerun = StoreSync.merge(c, "bulk-test", UUID.randomUUID(), again, FeedMode.FULL,
                        Set.of(AssetType.FEEDER), java.util.Map.of(), RetireGuard.OFF);
                again.close();
                assertThat(rerun.unchanged()).isEqualTo(2);
                assertThat(rerun.inserted() + rerun.updated() + rerun.retired()).isZero();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    static MappedAsset feeder(String id, String substation, BigDecimal kv, List<String> ties) {
        double x = id.endsWith("1") ? 109.90 : 109.905;
        var line = GEOMETRY.createMultiLineString(new org.locationtech.jts.geom.LineString[] {GEOMETRY.createLineString(
                new Coordinate[] {new Coordinate(x, 39.80), new Coordinate(x + 0.005, 39.81)})});
        // substation_ref, busbar_ref, voltage_kv, conductor, rated_current_a, rated_kva, tie_feeder_refs, connected_customers
        Object[] values = {substation, null, kv, "JKLYJ-240", new BigDecimal("400"), null, ties, null};
        return new MappedAsset(AssetType.FEEDER, id, id, line, values, "{}");
    }

    static List<String> indexes(Connection c, String table) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'grid' AND tablename = '"
                     + table + "' ORDER BY indexname")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static String single(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

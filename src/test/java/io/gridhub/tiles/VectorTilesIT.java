package io.gridhub.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.gridhub.HubIntegrationTest;
import io.gridhub.capacity.CapacityFeature;
import io.gridhub.capacity.CapacityService;
import io.gridhub.grid.AssetType;
import io.gridhub.grid.GridChanged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Vector tiles of the sample Ordos grid, read back with an MVT decoder of our own: the tile around
 * a known transformer holds it and every in-service asset around it; capacity tiles say what the
 * capacity module says; the cache serves a tile again until a feed run changes its area.
 */
@HubIntegrationTest
class VectorTilesIT {

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired NamedParameterJdbcTemplate named;
    @Autowired TransactionTemplate transactions;
    @Autowired TileRepository repository;
    @Autowired TileCache cache;
    @Autowired CapacityService capacity;
    @Autowired ApplicationEventPublisher events;

    String transformerId;
    double lon;
    double lat;

    @BeforeEach
    void aTransformerOfTheSampleGrid() {
        Map<String, Object> t = jdbc.queryForMap("""
                SELECT source_id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM grid.distribution_transformer
                WHERE lifecycle = 'IN_SERVICE' AND feed_id = 'ordos-sample' ORDER BY id LIMIT 1""");
        transformerId = (String) t.get("source_id");
        lon = ((Number) t.get("lon")).doubleValue();
        lat = ((Number) t.get("lat")).doubleValue();
    }

    ResponseEntity<byte[]> get(String layer, TileCoordinate tile) {
        return http.withBasicAuth("cm", "cm123").getForEntity("/tiles/" + layer + "/" + tile + ".mvt", byte[].class);
    }

    @Test
    void theGridTileHoldsEveryInServiceAssetAroundAKnownTransformer() {
        TileCoordinate tile = TileCoordinate.containing(16, lon, lat);
        ResponseEntity<byte[]> answer = get("grid", tile);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/vnd.mapbox-vector-tile");

        List<MvtTile.Feature> features = MvtTile.decode(answer.getBody()).features("grid");
        assertThat(features).anySatisfy(f -> {
            assertThat(f.properties()).containsEntry("asset_type", "DISTRIBUTION_TRANSFORMER")
                    .containsEntry("asset_id", transformerId).containsKey("rated_kva");
            assertThat(f.geometryType()).isEqualTo(1);
        });
        // Every transformer and pole inside the tile proper is drawn; those in the buffer may be too.
        for (AssetType type : List.of(AssetType.DISTRIBUTION_TRANSFORMER, AssetType.POLE)) {
            long drawn = features.stream().filter(f -> type.name().equals(f.properties().get("asset_type"))).count();
            assertThat(drawn).as(type.name()).isBetween(inBox(type, tile.lonLatBounds(0)),
                    inBox(type, tile.lonLatBounds(0.02)));
        }
        assertThat(features).anySatisfy(f -> {
            assertThat(f.properties()).containsEntry("asset_type", "FEEDER");
            assertThat(f.geometryType()).isEqualTo(2);
        });
    }

    @Test
    void belowTheirMinimumZoomTransformersAndPolesStayOutOfTheTile() {
        List<MvtTile.Feature> features = MvtTile.decode(get("grid", TileCoordinate.containing(10, lon, lat)).getBody())
                .features("grid");
        Map<Object, Long> byType = features.stream()
                .collect(Collectors.groupingBy(f -> f.properties().get("asset_type"), Collectors.counting()));
        assertThat(byType).containsKeys("FEEDER", "SUBSTATION").doesNotContainKeys("DISTRIBUTION_TRANSFORMER", "POLE");
    }

    @Test
    void capacityTilesSayWhatTheCapacityModuleSays() {
        TileCoordinate tile = TileCoordinate.containing(15, lon, lat);
        List<MvtTile.Feature> features = MvtTile.decode(get("capacity", tile).getBody()).features("capacity");
        double[] b = tile.lonLatBounds(0);
        List<CapacityFeature> expected = capacity.inBox(AssetType.DISTRIBUTION_TRANSFORMER, b[0], b[1], b[2], b[3], 500);
        assertThat(expected).isNotEmpty();
        Map<Object, Map<String, Object>> drawn = features.stream()
                .filter(f -> "DISTRIBUTION_TRANSFORMER".equals(f.properties().get("asset_type")))
                .collect(Collectors.toMap(f -> f.properties().get("asset_id"), MvtTile.Feature::properties));
        int measured = 0;
        for (CapacityFeature e : expected) {
            Map<String, Object> p = drawn.get(e.capacity().assetId());
            assertThat(p).as(e.capacity().assetId()).isNotNull();
            assertThat((double) p.get("rated_kva")).isCloseTo(e.capacity().ratedKva(), within(0.05));
            assertThat((double) p.get("cap")).isCloseTo(e.capacity().capUsed(), within(1e-9));
            assertThat(p.get("load_missing")).isEqualTo(e.capacity().loadMissing());
            if (e.capacity().openKva() != null) {
                measured++;
                assertThat((double) p.get("open_kva")).isCloseTo(e.capacity().openKva(), within(0.05));
                assertThat((double) p.get("loading")).isCloseTo(e.capacity().loadingAfter(0), within(0.0005));
            }
        }
        assertThat(measured).as("transformers with a measured peak in the tile").isPositive();
        // Feeders carry their N-1 cap, as CapacityRules gives it by ties (a feeder whose box but not
        // whose line crosses the tile is rightly not drawn).
        Map<String, Double> feederCaps = capacity.inBox(AssetType.FEEDER, b[0], b[1], b[2], b[3], 500).stream()
                .collect(Collectors.toMap(f -> f.capacity().assetId(), f -> f.capacity().capUsed()));
        List<Map<String, Object>> drawnFeeders = features.stream()
                .filter(f -> "FEEDER".equals(f.properties().get("asset_type"))).map(MvtTile.Feature::properties).toList();
        assertThat(drawnFeeders).isNotEmpty().allSatisfy(p -> assertThat((double) p.get("cap"))
                .isCloseTo(feederCaps.get((String) p.get("asset_id")), within(1e-9)));
    }

    @Test
    void anEmptyTileIsNoContent() {
        ResponseEntity<byte[]> answer = get("grid", TileCoordinate.containing(12, 0.5, 0.5));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(answer.getBody()).isNull();
    }

    @Test
    void aTileIsServedFromTheCacheUntilAFeedRunChangesItsArea() {
        TileCoordinate tile = TileCoordinate.containing(14, lon, lat);
        get("grid", tile);
        ResponseEntity<byte[]> again = get("grid", tile);
        assertThat(again.getHeaders().getFirst("X-Tile-Cache")).isEqualTo("HIT");

        events.publishEvent(new GridChanged("elsewhere", "r1", Map.of(AssetType.POLE, 1L), false,
                new double[] {80, 30, 80.1, 30.1}, Instant.now()));
        assertThat(get("grid", tile).getHeaders().getFirst("X-Tile-Cache")).isEqualTo("HIT");

        events.publishEvent(new GridChanged("here", "r2", Map.of(AssetType.POLE, 1L), false,
                new double[] {lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001}, Instant.now()));
        ResponseEntity<byte[]> after = get("grid", tile);
        assertThat(after.getHeaders().getFirst("X-Tile-Cache")).isEqualTo("MISS");
        assertThat(after.getBody()).isEqualTo(again.getBody());
    }

    @Test
    void badTilesAreNamedAndStrangersAreTurnedAway() {
        ResponseEntity<String> deep = http.withBasicAuth("cm", "cm123").getForEntity("/tiles/grid/23/0/0.mvt", String.class);
        assertThat(deep.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(deep.getBody()).contains("\"field\":\"z\"");
        ResponseEntity<String> column = http.withBasicAuth("cm", "cm123").getForEntity("/tiles/grid/2/4/0.mvt", String.class);
        assertThat(column.getBody()).contains("\"field\":\"x\"");
        ResponseEntity<String> layer = http.withBasicAuth("cm", "cm123").getForEntity("/tiles/roads/2/1/1.mvt", String.class);
        assertThat(layer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(layer.getBody()).contains("\"field\":\"layer\"");
        assertThat(http.getForEntity("/tiles/grid/2/1/1.mvt", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /**
     * Each table a tile reads is read through an index: with sequential scans priced out, a table
     * no index can serve still shows as a Seq Scan. (On the small sample grid the planner may
     * rightly prefer a scan; the benchmark audits the plans on the 1M-asset grid.)
     */
    @Test
    void everyTableATileReadsIsReadThroughAnIndex() {
        TileCoordinate tile = TileCoordinate.containing(16, lon, lat);
        for (TileLayer layer : TileLayer.values()) {
            String plan = transactions.execute(tx -> {
                jdbc.execute("SET LOCAL enable_seqscan = off");
                return String.join("\n", named.queryForList("EXPLAIN " + repository.sql(layer),
                        repository.parameters(layer, tile), String.class));
            });
            assertThat(plan).as(layer + " plan:\n" + plan).doesNotContain("Seq Scan")
                    .contains("distribution_transformer_geom_gix", "feeder_geom_gix", "substation_geom_gix");
            if (layer == TileLayer.GRID) {
                assertThat(plan).contains("pole_geom_gix", "ring_main_unit_geom_gix");
            } else {
                assertThat(plan).contains("measured_peak_load_asset_idx", "commitment_open_idx");
            }
        }
    }

    long inBox(AssetType type, double[] b) {
        return jdbc.queryForObject("SELECT count(*) FROM grid." + type.table()
                + " WHERE lifecycle = 'IN_SERVICE' AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4490)", Long.class,
                b[0], b[1], b[2], b[3]);
    }
}

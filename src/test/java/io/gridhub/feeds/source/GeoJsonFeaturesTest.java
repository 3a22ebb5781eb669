package io.gridhub.feeds.source;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeoJsonFeaturesTest {

    final List<SourceRecord> records = new ArrayList<>();
    final List<String> unreadable = new ArrayList<>();
    final GeoJsonFeatures.FeatureHandler handler = new GeoJsonFeatures.FeatureHandler() {
        @Override
        public void record(SourceRecord r) {
            records.add(r);
        }

        @Override
        public void unreadable(String raw, String reason) {
            unreadable.add(reason);
        }
    };

    ObjectNode read(String json) throws Exception {
        return new GeoJsonFeatures().readCollection(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), handler);
    }

    @Test
    void pagingMembersAreKeptWhereverTheyStand() throws Exception {
        ObjectNode top = read("""
                {"type":"FeatureCollection","numberMatched":3,
                 "features":[{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[109.9,39.8]},"properties":{"SBBM":"A","N":"1"}},
                             {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,1],[2,2],[1,1]]]},"properties":{"SBBM":"B"}}],
                 "properties":{"exceededTransferLimit":true},
                 "links":[{"rel":"next","href":"http://x/items?offset=2"}]}
                """);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).attributes().get("sbbm")).isEqualTo("A");
        assertThat(records.get(0).featureId()).isEqualTo("a");
        assertThat(unreadable).containsExactly("polygon ring with 3 positions (at least 4 needed)");
        assertThat(top.path("numberMatched").asInt()).isEqualTo(3);
        assertThat(top.path("properties").path("exceededTransferLimit").asBoolean()).isTrue();
        assertThat(top.path("links").get(0).path("rel").asText()).isEqualTo("next");
        assertThat(top.has("features")).isFalse();
    }

    @Test
    void aTruncatedDocumentFailsWithItsPosition() {
        assertThatThrownBy(() -> read("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","))
                .isInstanceOf(SourceException.class).hasMessageContaining("malformed GeoJSON").hasMessageContaining("line 1");
    }

    @Test
    void geoJsonSeqToleratesRecordSeparators() throws Exception {
        String seq = "\u001e{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"source_id\":\"X\"}}\n\n"
                + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{}}\n";
        new GeoJsonFeatures().readSequence(new ByteArrayInputStream(seq.getBytes(StandardCharsets.UTF_8)), handler);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).geometry()).isNull();
    }

    @Test
    void geoJsonSeqLinesAreSplitOnBytesWhateverTheirEndingsAndLength() throws Exception {
        String longName = "杆".repeat(40_000); // 120,000 UTF-8 bytes: longer than the read buffer
        String seq = "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"name\":\"甲\"}}\r\n"
                + "  \t\r\n"
                + "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"name\":\"" + longName + "\"}}\n"
                + "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"name\":\"乙\"}}"; // no final line break
        new GeoJsonFeatures().readSequence(new ByteArrayInputStream(seq.getBytes(StandardCharsets.UTF_8)), handler);
        assertThat(records).extracting(r -> r.attributes().get("name")).containsExactly("甲", longName, "乙");
    }

    @Test
    void aGeoJsonSeqLineThatIsNotJsonFailsTheFileWithItsNumber() {
        String seq = "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}}\n{\"type\":\"Feat";
        assertThatThrownBy(() -> new GeoJsonFeatures().readSequence(
                new ByteArrayInputStream(seq.getBytes(StandardCharsets.UTF_8)), handler))
                .isInstanceOf(SourceException.class).hasMessageStartingWith("line 2 is not JSON");
        assertThatThrownBy(() -> new GeoJsonFeatures().readSequence(
                new ByteArrayInputStream("[1, 2]\n".getBytes(StandardCharsets.UTF_8)), handler))
                .isInstanceOf(SourceException.class).hasMessage("line 1 is not a GeoJSON feature");
    }

    @Test
    void aHandlerThatFailsStopsTheParserThread() {
        StringBuilder seq = new StringBuilder();
        for (int i = 0; i < 20_000; i++) { // far more than the parser may read ahead
            seq.append("{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"n\":").append(i).append("}}\n");
        }
        GeoJsonFeatures.FeatureHandler failing = new GeoJsonFeatures.FeatureHandler() {
            @Override
            public void record(SourceRecord r) {
                throw new SourceException("staging failed");
            }

            @Override
            public void unreadable(String raw, String reason) {
            }
        };
        assertThatThrownBy(() -> new GeoJsonFeatures().readSequence(
                new ByteArrayInputStream(seq.toString().getBytes(StandardCharsets.UTF_8)), failing))
                .hasMessage("staging failed");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("geojsonseq-parser"));
    }
}

package io.gridhub.feeds.source.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.gridhub.feeds.source.SourceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WfsSourceTest {

    static final String CAPABILITIES = """
            <wfs:WFS_Capabilities xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:ows="http://www.opengis.net/ows/1.1" version="2.0.0">
              <ows:OperationsMetadata>
                <ows:Operation name="GetFeature">
                  <ows:Parameter name="outputFormat"><ows:AllowedValues>
                    <ows:Value>application/gml+xml; version=3.2</ows:Value>
                    <ows:Value>application/json; subtype=geojson</ows:Value>
                  </ows:AllowedValues></ows:Parameter>
                </ows:Operation>
                <ows:Constraint name="ImplementsResultPaging"><ows:NoValues/><ows:DefaultValue>TRUE</ows:DefaultValue></ows:Constraint>
                <ows:Constraint name="CountDefault"><ows:NoValues/><ows:DefaultValue>5000</ows:DefaultValue></ows:Constraint>
              </ows:OperationsMetadata>
            </wfs:WFS_Capabilities>
            """;

    @Test
    void theServersLimitAndGeoJsonFormatComeFromGetCapabilities() {
        WfsSource.Capabilities caps = WfsSource.capabilities(new ByteArrayInputStream(CAPABILITIES.getBytes(StandardCharsets.UTF_8)));
        assertThat(caps.countDefault()).isEqualTo(5000);
        assertThat(WfsSource.geoJsonFormat(caps.outputFormats())).isEqualTo("application/json; subtype=geojson");
        assertThat(WfsSource.geoJsonFormat(List.of("GML32", "geojson"))).isEqualTo("geojson");
        assertThatThrownBy(() -> WfsSource.geoJsonFormat(List.of("GML2"))).isInstanceOf(SourceException.class)
                .hasMessageContaining("no GeoJSON output format");
    }

    @Test
    void urlsKeepTheBaseQueryAndEncodeParameters() {
        assertThat(HttpPages.url("http://h/mapserv?map=GRID", HttpPages.params("TYPENAMES", "a b", "SRSNAME", null, "COUNT", 5)))
                .isEqualTo("http://h/mapserv?map=GRID&TYPENAMES=a+b&COUNT=5");
    }
}

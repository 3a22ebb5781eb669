package io.gridhub.feeds.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11 item 6: what a feed address carries as a secret is never shown. */
class RedactionTest {

    @Test
    void userInfoAndSecretParametersAreRedacted() {
        assertThat(Redaction.url("https://reader:pa55@gis.example/wfs?service=WFS&token=abc&API_KEY=k1&apikey=k2&typeNames=poles"))
                .isEqualTo("https://***@gis.example/wfs?service=WFS&token=***&API_KEY=***&apikey=***&typeNames=poles");
        assertThat(Redaction.url("jdbc:postgresql://mis/pms?user=pms&password=secret;ssl=true"))
                .isEqualTo("jdbc:postgresql://mis/pms?user=pms&password=***;ssl=true");
        assertThat(Redaction.url("https://gis.example/arcgis/rest/services/Grid/FeatureServer/3?f=json"))
                .isEqualTo("https://gis.example/arcgis/rest/services/Grid/FeatureServer/3?f=json");
        assertThat(Redaction.url(null)).isNull();
    }

    @Test
    void messagesQuotingAddressesOrEchoedQueriesAreRedacted() {
        assertThat(Redaction.message("HTTP 403 from https://u:p@gis.example/x?access_token=t1 said: forbidden /x?token=t2&a=1"))
                .isEqualTo("HTTP 403 from https://***@gis.example/x?access_token=*** said: forbidden /x?token=***&a=1");
    }
}

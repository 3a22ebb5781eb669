package io.gridhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.api.InvalidFieldException;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

/** The XML and the JSON form of a ConnectionApplication say the same; what is wrong is named. */
class ApplicationPayloadTest {

    private final ApplicationPayload payloads = new ApplicationPayload(new ObjectMapper().findAndRegisterModules(),
            Validation.buildDefaultValidatorFactory().getValidator());

    private static final String XML = """
            <ConnectionApplication xmlns="urn:gridhub:cases:1">
              <caseNo> YK-1 </caseNo><revision>2</revision>
              <customerName>鄂尔多斯市测试物流有限公司 &amp; 子公司</customerName>
              <site><lon>108.0</lon><lat>38.0</lat><crs>EPSG:4490</crs></site>
              <requestedKw>450</requestedKw><powerFactor>0.9</powerFactor><!-- from the counter -->
              <customerCategory>GENERAL_COMMERCIAL</customerCategory>
              <serviceUnit><![CDATA[东胜供电所]]></serviceUnit><stage>SITE_SURVEY</stage>
            </ConnectionApplication>""";

    private static final String JSON = """
            {"ConnectionApplication": {"caseNo": "YK-1", "revision": "2",
              "customerName": "鄂尔多斯市测试物流有限公司 & 子公司",
              "site": {"lon": "108.0", "lat": "38.0", "crs": "EPSG:4490"},
              "requestedKw": "450", "powerFactor": "0.9", "customerCategory": "GENERAL_COMMERCIAL",
              "serviceUnit": "东胜供电所", "stage": "SITE_SURVEY"}}""";

    @Test
    void theXmlAndTheJsonFormSayTheSame() {
        ApplicationPayload.Parsed fromXml = payloads.read(XML, null, true);
        ApplicationPayload.Parsed fromJson = payloads.read(null, JSON, true);
        assertThat(fromXml).isEqualTo(fromJson);
        assertThat(fromXml.caseNo()).isEqualTo("YK-1");
        assertThat(fromXml.revision()).isEqualTo(2);
        assertThat(fromXml.stage()).isEqualTo(Stage.SITE_SURVEY);
        assertThat(fromXml.fields().customerName()).isEqualTo("鄂尔多斯市测试物流有限公司 & 子公司");
        assertThat(fromXml.fields().serviceUnit()).isEqualTo("东胜供电所");
        assertThat(fromXml.fields().site().lon()).isEqualTo(108.0);
    }

    @Test
    void whatIsWrongIsNamed() {
        assertThatThrownBy(() -> payloads.read("<ConnectionApplication xmlns=\"urn:gridhub:cases:1\"><caseNo>", null, true))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> payloads.read("<Other xmlns=\"urn:gridhub:cases:1\"/>", null, true))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("expected a ConnectionApplication");
        assertThatThrownBy(() -> payloads.read("<ConnectionApplication><caseNo>A</caseNo></ConnectionApplication>", null, true))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("namespace");
        assertThatThrownBy(() -> payloads.read(XML.replace("<revision>2</revision>", ""), null, true))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("revision");
        assertThatThrownBy(() -> payloads.read(XML.replace("<lat>38.0</lat>", "<lat>north</lat>"), null, true))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("site.lat");
        String deep = "<a>".repeat(300) + "</a>".repeat(300);
        assertThatThrownBy(() -> payloads.read(XML.replace("<stage>", deep + "<stage>"), null, true))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("deeper");
    }
}

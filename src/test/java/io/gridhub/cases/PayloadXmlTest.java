package io.gridhub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PayloadXmlTest {

    @Test
    void numbersAreWrittenAsTheFormatterWroteThem() {
        Random random = new Random(7);
        double[] edges = {0, 0.05, 0.15, 0.25, 0.35, 1.45, 2.5, 99.95, 630, 1e9 + 0.05, Double.MAX_VALUE, Double.NaN};
        for (double d : edges) {
            assertThat(PayloadXml.oneDecimal(d)).as("%s", d).isEqualTo(String.format(Locale.ROOT, "%.1f", d));
        }
        for (int i = 0; i < 100_000; i++) {
            double d = Math.round(random.nextDouble() * 1e7) / 1000.0 * (i % 2 == 0 ? 1 : 0.37);
            assertThat(PayloadXml.oneDecimal(d)).as("%s", d).isEqualTo(String.format(Locale.ROOT, "%.1f", d));
        }
    }

    @Test
    void fieldsAreEscapedAndNullsLeftOut() {
        String xml = new PayloadXml("X").field("a", "1 < 2 & 3").field("b", null).field("c", 12.345).toXml();
        assertThat(xml).isEqualTo("<X xmlns=\"urn:gridhub:cases:1\"><a>1 &lt; 2 &amp; 3</a><c>12.3</c></X>");
    }
}

package io.gridhub.messaging;

import java.time.OffsetDateTime;
import java.util.List;

import io.gridhub.messaging.iec61968.Header;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;

/**
 * {@code create ConnectionApplication} requests (新装申请) as the marketing MIS sends them over the
 * broker: numbered low-voltage applications at sites spread over Dongsheng, inside the service area.
 * Shared by the broker benchmark ({@code bench.MisBrokerLoad}) and {@link HubKillIT}.
 */
public final class ConnectionApplicationRequests {

    private final Iec61968Codec codec = new Iec61968Codec();

    /** The whole IEC 61968-100 request message, as XML text, for application number {@code i}. */
    public String create(String messageId, String caseNo, int i) {
        return create(messageId, caseNo, i, List.of(), null);
    }

    /**
     * The same, placed on {@code sites} in turn (lon, lat; none: spread over Dongsheng) and sent at
     * {@code stage} (the stage the MIS says the case has reached; null: none named).
     */
    public String create(String messageId, String caseNo, int i, List<double[]> sites, String stage) {
        Header h = new Header("create", "ConnectionApplication", "1", OffsetDateTime.now(), "MarketingMIS", null,
                messageId, null, "cm", "鄂尔多斯供电公司", null, List.of());
        return codec.write(MessageEnvelope.request(h, null, application(caseNo, i, sites, stage)));
    }

    /** A new low-voltage connection application at a site inside the service area. */
    public static String application(String caseNo, int i, List<double[]> sites, String stage) {
        double lon = sites.isEmpty() ? 109.70 + (i % 97) * 0.004 : sites.get(i % sites.size())[0];
        double lat = sites.isEmpty() ? 39.55 + (i % 89) * 0.003 : sites.get(i % sites.size())[1];
        return """
                <ConnectionApplication xmlns="urn:gridhub:cases:1">
                  <caseNo>%s</caseNo><revision>1</revision><customerNo>BENCH%07d</customerNo>
                  <customerName>鄂尔多斯市基准测试有限公司</customerName><contactName>王伟</contactName>
                  <contactPhone>13800000000</contactPhone><address>东胜区铁西路 8 号</address>
                  <site><lon>%.5f</lon><lat>%.5f</lat><crs>EPSG:4490</crs></site>
                  <requestedKw>%d</requestedKw><powerFactor>0.9</powerFactor>
                  <customerCategory>GENERAL_COMMERCIAL</customerCategory><industryClass>物流仓储</industryClass>
                  <importance>NORMAL</importance><channel>WANGSHANG_GUOWANG</channel>
                  <serviceUnit>东胜供电所</serviceUnit><customerManager>cm</customerManager><projectManager>pm</projectManager>%s
                </ConnectionApplication>""".formatted(caseNo, i, lon, lat, 50 + (i % 7) * 50,
                stage == null ? "" : "<stage>" + stage + "</stage>");
    }
}

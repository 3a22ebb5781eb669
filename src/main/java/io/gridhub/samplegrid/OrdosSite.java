package io.gridhub.samplegrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A town or district centre where the sample grid builds substations, as configured in
 * {@code samplegrid/ordos-sites.json}.
 *
 * @param code          short latin code used in ids (SUB-KBS-01)
 * @param nameZh        place name in Chinese, e.g. 康巴什区
 * @param namePinyin    place name in pinyin
 * @param stationZh     the name substations there carry (康巴什110kV变电站)
 * @param abbreviationZh the one-character prefix of feeder names (10kV康01-03线)
 * @param lon           centre longitude (CGCS2000)
 * @param lat           centre latitude
 * @param urban         urban (shorter, mostly cable feeders) or rural (long overhead feeders)
 * @param radiusKm      how far from the centre its substations spread
 * @param substations110 number of 110 kV substations configured there
 * @param substations35 number of 35 kV substations
 */
public record OrdosSite(String code, String nameZh, String namePinyin, String stationZh, String abbreviationZh,
                        double lon, double lat, boolean urban, double radiusKm, int substations110,
                        int substations35) {

    static final String RESOURCE = "/samplegrid/ordos-sites.json";

    int substationCount() {
        return substations110 + substations35;
    }

    /** The configured sites, in file order. */
    public static List<OrdosSite> load() {
        try (InputStream in = OrdosSite.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<OrdosSite> sites = new ArrayList<>();
            for (JsonNode s : root.path("sites")) {
                sites.add(new OrdosSite(s.path("code").asText(), s.path("name_zh").asText(),
                        s.path("name_pinyin").asText(), s.path("station_zh").asText(), s.path("abbr_zh").asText(),
                        s.path("lon").asDouble(), s.path("lat").asDouble(),
                        "urban".equals(s.path("area").asText()), s.path("radius_km").asDouble(),
                        s.path("substations_110kv").asInt(), s.path("substations_35kv").asInt()));
            }
            return List.copyOf(sites);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

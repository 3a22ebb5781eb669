package io.gridhub.siting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.gridhub.api.InvalidFieldException;
import io.gridhub.geo.ServiceArea;

/**
 * A siting request made ready to search: the site in EPSG:4490 inside the service area, the
 * number of candidates wanted, the area class, and the supply voltage and mode decided from the
 * requested capacity, with the notes that say what was assumed or converted.
 *
 * @param lon longitude, EPSG:4490
 * @param lat latitude, EPSG:4490
 * @param site the site as the answer shows it
 * @param maxCandidates passing candidates wanted
 * @param area area class applied
 * @param decision voltage level and supply mode
 * @param customerCategory the request's customer category
 * @param notes what the answer says about how the request was read
 */
record SiteQuestion(double lon, double lat, SitingAnswer.Site site, int maxCandidates, AreaClass area,
                    SupplyDecision decision, CustomerCategory customerCategory, List<String> notes) {

    /** Reads a request: a bad field is an {@link InvalidFieldException} naming it. */
    static SiteQuestion read(SitingRequest request, SitingProperties p, ServiceArea serviceArea,
                             SupplyVoltageRules voltageRules) {
        SiteCrs crs;
        try {
            crs = SiteCrs.parse(request.crs());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("crs", e.getMessage());
        }
        double[] xy = ChinaOffsetCoordinates.toCgcs2000(crs, request.lon(), request.lat());
        double lon = xy[0];
        double lat = xy[1];
        if (!serviceArea.contains(lon, lat)) {
            ServiceArea a = serviceArea;
            throw new InvalidFieldException(lon < a.minLon() || lon > a.maxLon() ? "lon" : "lat",
                    String.format(Locale.ROOT, "site (%.6f, %.6f) is outside the service area lon %.2f…%.2f, lat %.2f…%.2f",
                            lon, lat, a.minLon(), a.maxLon(), a.minLat(), a.maxLat()));
        }
        int maxCandidates = request.maxCandidates() == null ? p.defaultMaxCandidates() : request.maxCandidates();
        if (maxCandidates > p.maxCandidatesLimit()) {
            throw new InvalidFieldException("maxCandidates", "at most " + p.maxCandidatesLimit());
        }
        AreaClass area = request.areaClass() == null ? p.defaultAreaClass() : request.areaClass();
        SupplyDecision d = voltageRules.decide(request);
        List<String> notes = new ArrayList<>(d.reasons());
        if (crs != SiteCrs.EPSG_4490) {
            notes.add(String.format(Locale.ROOT, "site given in %s (%.6f, %.6f), searched at EPSG:4490 (%.6f, %.6f)",
                    crs.code(), request.lon(), request.lat(), lon, lat));
        }
        return new SiteQuestion(lon, lat, new SitingAnswer.Site(lon, lat, crs.code(), area), maxCandidates, area, d,
                request.customerCategory(), notes);
    }

    boolean lowVoltage() {
        return decision.voltageLevel().lowVoltage();
    }
}

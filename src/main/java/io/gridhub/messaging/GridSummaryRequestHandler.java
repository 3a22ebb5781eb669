package io.gridhub.messaging;

import io.gridhub.grid.AssetType;
import io.gridhub.grid.GridSummary;
import io.gridhub.grid.GridSummaryRepository;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import org.springframework.stereotype.Component;

/**
 * Answers {@code get GridSummary} from the marketing MIS: what the grid store holds, so the MIS
 * can tell whether the hub has the area of a case loaded. It lives with messaging, which may use
 * grid; grid itself knows nothing of the MIS.
 */
@Component
class GridSummaryRequestHandler implements MisRequestHandler {

    static final String GRID_NS = "urn:gridhub:grid:1";

    private final GridSummaryRepository repository;

    GridSummaryRequestHandler(GridSummaryRepository repository) {
        this.repository = repository;
    }

    @Override
    public String noun() {
        return "GridSummary";
    }

    @Override
    public Answer handle(MessageEnvelope request) {
        GridSummary summary = repository.summary();
        StringBuilder xml = new StringBuilder("<GridSummary xmlns=\"" + GRID_NS + "\">");
        StringBuilder json = new StringBuilder("{\"GridSummary\":{\"AssetCount\":{");
        String comma = "";
        for (AssetType type : AssetType.values()) {
            long n = summary.inService().get(type);
            xml.append("<AssetCount type=\"").append(type.name()).append("\">").append(n).append("</AssetCount>");
            json.append(comma).append('"').append(type.name()).append("\":").append(n);
            comma = ",";
        }
        xml.append("<MeasuredLoads>").append(summary.measuredLoads()).append("</MeasuredLoads>");
        xml.append("</GridSummary>");
        json.append("},\"MeasuredLoads\":").append(summary.measuredLoads()).append("}}");
        return new Answer(io.gridhub.messaging.iec61968.Reply.ok(), xml.toString(),
                request.json() ? json.toString() : null);
    }
}

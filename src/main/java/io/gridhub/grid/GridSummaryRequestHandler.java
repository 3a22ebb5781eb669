package io.gridhub.grid;

import io.gridhub.messaging.MisRequestHandler;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import org.springframework.stereotype.Component;

/**
 * Answers {@code get GridSummary} from the marketing MIS: what the grid store holds, so the MIS
 * can tell whether the hub has the area of a case loaded.
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
        for (AssetType type : AssetType.values()) {
            xml.append("<AssetCount type=\"").append(type.name()).append("\">")
                    .append(summary.inService().get(type)).append("</AssetCount>");
        }
        xml.append("<MeasuredLoads>").append(summary.measuredLoads()).append("</MeasuredLoads>");
        xml.append("</GridSummary>");
        return Answer.ok(xml.toString());
    }
}

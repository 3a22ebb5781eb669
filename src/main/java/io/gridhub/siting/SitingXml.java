package io.gridhub.siting;

import java.io.StringWriter;
import java.util.Locale;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.gridhub.api.InvalidFieldException;
import io.gridhub.capacity.OpenCapacity;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The XML of the {@code ConnectionCandidates} noun (namespace {@value #NS}): request parameters
 * as child elements named like the JSON fields, the answer as attributes and child elements
 * named like the JSON answer: a scalar field is an attribute (or, for long text, a child element
 * named like it), a nested record a child element, a list one child element per entry named in
 * the singular. A fallback's description is its text. {@code SitingXmlTest} walks the JSON model
 * and fails on any field the XML does not carry.
 */
final class SitingXml {

    static final String NS = "urn:gridhub:siting:1";

    private SitingXml() {
    }

    /** Reads the parameters from the inner XML of the Request element. */
    static SitingRequest readRequest(String requestXml) {
        if (requestXml == null || requestXml.isBlank()) {
            throw new InvalidFieldException("Request", "the Request element with the siting parameters is missing");
        }
        Element root;
        try {
            Document doc = io.gridhub.api.SafeXml.parse("<r>" + requestXml + "</r>");
            root = doc.getDocumentElement();
        } catch (Exception e) {
            throw new InvalidFieldException("Request", "not well-formed XML: " + e.getMessage());
        }
        // The parameters may come wrapped in <ConnectionCandidatesRequest> or directly.
        Element params = firstElement(root);
        if (params != null && "ConnectionCandidatesRequest".equals(params.getLocalName())) {
            root = params;
        }
        return new SitingRequest(number(root, "lon"), number(root, "lat"), text(root, "crs"),
                number(root, "requestedKw"), number(root, "requestedKva"), number(root, "powerFactor"),
                enumValue(root, "customerCategory", CustomerCategory.class),
                enumValue(root, "importance", Importance.class), enumValue(root, "areaClass", AreaClass.class),
                integer(root, "maxCandidates"));
    }

    static String writeAnswer(SitingAnswer a) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = io.gridhub.api.SafeXml.output().createXMLStreamWriter(out);
            w.writeStartElement("ConnectionCandidates");
            w.writeDefaultNamespace(NS);
            attr(w, "voltageLevel", a.voltageLevel());
            attr(w, "supplyMode", a.supplyMode());
            attr(w, "supplyModeLabel", a.supplyModeLabel());
            attr(w, "requestedKw", a.requestedKw());
            attr(w, "requestedKva", a.requestedKva());
            w.writeEmptyElement("Site");
            attr(w, "lon", a.site().lon());
            attr(w, "lat", a.site().lat());
            attr(w, "givenCrs", a.site().givenCrs());
            attr(w, "areaClass", a.site().areaClass());
            for (SitingAnswer.Candidate c : a.candidates()) {
                w.writeStartElement("Candidate");
                attr(w, "rank", c.rank());
                attr(w, "assetId", c.assetId());
                attr(w, "assetType", c.assetType());
                attr(w, "name", c.name());
                attr(w, "distanceM", c.distanceM());
                attr(w, "routeLengthM", c.routeLengthM());
                attr(w, "routeMethod", c.routeMethod());
                attr(w, "score", c.score());
                attr(w, "passed", c.passed());
                attr(w, "lineKind", c.lineKind());
                attr(w, "lineKindBasis", c.lineKindBasis());
                w.writeEmptyElement("ConnectionPoint");
                attr(w, "lon", c.connectionPoint().coordinates()[0]);
                attr(w, "lat", c.connectionPoint().coordinates()[1]);
                w.writeEmptyElement("OpenCapacityKva");
                attr(w, "before", c.openCapacityKva().before());
                attr(w, "after", c.openCapacityKva().after());
                attr(w, "bindingAssetId", c.openCapacityKva().bindingAssetId());
                attr(w, "bindingAssetType", c.openCapacityKva().bindingAssetType());
                w.writeEmptyElement("Upstream");
                attr(w, "feederId", c.upstream().feederId());
                attr(w, "busbarId", c.upstream().busbarId());
                attr(w, "mainTransformerId", c.upstream().mainTransformerId());
                attr(w, "substationId", c.upstream().substationId());
                for (Check k : c.checks()) {
                    w.writeEmptyElement("Check");
                    attr(w, "id", k.id());
                    attr(w, "rule", k.rule());
                    attr(w, "value", k.value());
                    attr(w, "limit", k.limit());
                    attr(w, "unit", k.unit());
                    attr(w, "passed", k.passed());
                    attr(w, "capacity", k.capacity());
                    attr(w, "note", k.note());
                }
                w.writeStartElement("EstimatedCostYuan");
                attr(w, "grid", c.estimatedCostYuan().grid());
                attr(w, "customer", c.estimatedCostYuan().customer());
                texts(w, "Item", c.estimatedCostYuan().items());
                w.writeEndElement();
                if (c.tieIn() != null) {
                    w.writeEmptyElement("TieIn");
                    attr(w, "kind", c.tieIn().kind());
                    attr(w, "id", c.tieIn().id());
                    attr(w, "name", c.tieIn().name());
                    attr(w, "spareBays", c.tieIn().spareBays());
                    attr(w, "lon", c.tieIn().lon());
                    attr(w, "lat", c.tieIn().lat());
                    attr(w, "distanceM", c.tieIn().distanceM());
                }
                for (OpenCapacity t : c.capacityTerms()) {
                    w.writeEmptyElement("CapacityTerm");
                    attr(w, "assetType", t.assetType());
                    attr(w, "assetId", t.assetId());
                    attr(w, "name", t.name());
                    attr(w, "ratedKva", t.ratedKva());
                    attr(w, "ratedBasis", t.ratedBasis());
                    attr(w, "capUsed", t.capUsed());
                    attr(w, "capBasis", t.capBasis());
                    attr(w, "peakKw", t.peakKw());
                    attr(w, "powerFactor", t.powerFactor());
                    attr(w, "powerFactorMeasured", t.powerFactorMeasured());
                    attr(w, "peakKva", t.peakKva());
                    attr(w, "peakMonth", t.peakMonth());
                    attr(w, "committedKva", t.committedKva());
                    attr(w, "simultaneityFactor", t.simultaneityFactor());
                    attr(w, "openKva", t.openKva());
                    attr(w, "loadMissing", t.loadMissing());
                }
                w.writeStartElement("ScoreExplanation");
                w.writeCharacters(c.scoreExplanation());
                w.writeEndElement();
                w.writeEndElement();
            }
            for (SitingAnswer.Pair p : a.pairs()) {
                w.writeStartElement("Pair");
                attr(w, "kind", p.kind());
                attr(w, "label", p.label());
                attr(w, "primaryRank", p.primaryRank());
                attr(w, "standbyRank", p.standbyRank());
                attr(w, "primaryAssetId", p.primaryAssetId());
                attr(w, "standbyAssetId", p.standbyAssetId());
                attr(w, "score", p.score());
                texts(w, "SubstationId", p.substationIds());
                texts(w, "BusbarId", p.busbarIds());
                w.writeStartElement("ScoreExplanation");
                w.writeCharacters(p.scoreExplanation());
                w.writeEndElement();
                w.writeEndElement();
            }
            for (SitingAnswer.Fallback f : a.fallbacks()) {
                w.writeStartElement("Fallback");
                attr(w, "kind", f.kind());
                attr(w, "distanceM", f.distanceM());
                attr(w, "openCapacityKva", f.openCapacityKva());
                w.writeCharacters(f.description());
                texts(w, "AssetId", f.assetIds());
                w.writeEndElement();
            }
            for (SitingAnswer.NearbySubstation s : a.nearestSubstations()) {
                w.writeEmptyElement("NearestSubstation");
                attr(w, "substationId", s.substationId());
                attr(w, "name", s.name());
                attr(w, "voltageKv", s.voltageKv());
                attr(w, "distanceM", s.distanceM());
            }
            texts(w, "Note", a.notes());
            w.writeEndElement();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the siting answer", e);
        }
        return out.toString();
    }

    private static void attr(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value != null) {
            w.writeAttribute(name, value instanceof Double d ? String.format(Locale.ROOT, "%s", d) : value.toString());
        }
    }

    /** One element per text of a list, empty where the text is null. */
    private static void texts(XMLStreamWriter w, String name, java.util.List<String> values) throws XMLStreamException {
        for (String v : values) {
            if (v == null) {
                w.writeEmptyElement(name);
            } else {
                w.writeStartElement(name);
                w.writeCharacters(v);
                w.writeEndElement();
            }
        }
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                String t = e.getTextContent().strip();
                return t.isEmpty() ? null : t;
            }
        }
        return null;
    }

    private static Double number(Element parent, String name) {
        String t = text(parent, name);
        if (t == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, "'" + t + "' is not a number");
        }
    }

    private static Integer integer(Element parent, String name) {
        String t = text(parent, name);
        if (t == null) {
            return null;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, "'" + t + "' is not a whole number");
        }
    }

    private static <E extends Enum<E>> E enumValue(Element parent, String name, Class<E> type) {
        String t = text(parent, name);
        if (t == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(name, "unknown value '" + t + "'; expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}

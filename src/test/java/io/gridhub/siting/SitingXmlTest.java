package io.gridhub.siting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import io.gridhub.capacity.OpenCapacity;
import io.gridhub.grid.AssetType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The XML answer of the {@code ConnectionCandidates} noun carries every field of the JSON answer
 * ({@link SitingAnswer}), walked by reflection, so a field added to the model and not to
 * {@link SitingXml} fails here: a scalar is an attribute of the same name or a child element
 * named like it, a record a child element, a list one child per entry named in the singular.
 */
class SitingXmlTest {

    @Test
    void theXmlAnswerCarriesEveryFieldOfTheJsonAnswer() throws Exception {
        SitingAnswer answer = everyFieldSet();
        String xml = SitingXml.writeAnswer(answer);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("ConnectionCandidates");
        List<String> missing = new ArrayList<>();
        compare(answer, root, "ConnectionCandidates", missing);
        assertThat(missing).as("JSON fields the XML answer does not carry").isEmpty();
    }

    private static void compare(Record r, Element e, String path, List<String> missing) throws Exception {
        if (r instanceof SitingAnswer.GeoJsonPoint p) { // a GeoJSON point is written as lon/lat attributes
            expectAttr(e, path, "lon", String.valueOf(p.coordinates()[0]), missing);
            expectAttr(e, path, "lat", String.valueOf(p.coordinates()[1]), missing);
            return;
        }
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = c.getAccessor().invoke(r);
            String name = c.getName();
            String where = path + "." + name;
            assertThat(v).as("test answer sets " + where).isNotNull();
            if (v instanceof Record nested) {
                Element child = child(e, capital(name));
                if (child == null) {
                    missing.add(where);
                } else {
                    compare(nested, child, where, missing);
                }
            } else if (v instanceof List<?> list) {
                List<Element> children = children(e, capital(name).replaceAll("s$", ""));
                if (children.size() != list.size()) {
                    missing.add(where + " (" + list.size() + " entries, " + children.size() + " elements)");
                    continue;
                }
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    if (item instanceof Record nested) {
                        compare(nested, children.get(i), where + "[" + i + "]", missing);
                    } else if (!String.valueOf(item).equals(children.get(i).getTextContent())) {
                        missing.add(where + "[" + i + "]");
                    }
                }
            } else if (name.equals("description") && r instanceof SitingAnswer.Fallback) {
                if (!ownText(e).equals(v)) { // a fallback's description is its text
                    missing.add(where);
                }
            } else if (e.hasAttribute(name)) {
                expectAttr(e, path, name, String.valueOf(v), missing);
            } else {
                Element child = child(e, capital(name));
                if (child == null || !child.getTextContent().equals(String.valueOf(v))) {
                    missing.add(where);
                }
            }
        }
    }

    private static void expectAttr(Element e, String path, String name, String value, List<String> missing) {
        if (!value.equals(e.getAttribute(name))) {
            missing.add(path + "." + name + " (expected " + value + ", found '" + e.getAttribute(name) + "')");
        }
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getLocalName().equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    private static String ownText(Element e) {
        StringBuilder b = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE) {
                b.append(n.getNodeValue());
            }
        }
        return b.toString();
    }

    /** An answer with every field, nested ones too, set to a value that is not its default. */
    private static SitingAnswer everyFieldSet() {
        OpenCapacity term = new OpenCapacity(AssetType.FEEDER, "F1", "feeder 1", 6000, "nameplate 6000 kVA", 0.5,
                "N-1 with 1 tie", 2700.0, 0.9, true, 3000.0, "2026-01", 100, 0.8, -80.0);
        SitingAnswer.Candidate candidate = new SitingAnswer.Candidate(1, "F1", AssetType.FEEDER, "feeder 1",
                SitingAnswer.GeoJsonPoint.of(109.1, 39.2), 120.5, 156.7, "STRAIGHT_LINE_X_DETOUR_1.3",
                new SitingAnswer.OpenCapacityKva(1800.0, 900.0, "F1", AssetType.FEEDER),
                new SitingAnswer.Upstream("F1", "B1", "M1", "S1"),
                List.of(new Check(RuleId.FEEDER_OPEN_CAPACITY, "feeder open capacity ≥ request", 1800.0, 900.0, "kVA",
                        true, true, "a note")),
                new SitingAnswer.Cost(45_500, 290_000, List.of("10 kV overhead line", "metering cabinet")),
                67.6, true, "0.4 × distance 95.0 …", new TieIn("POLE", "P1", "No. 7", 2, 109.11, 39.21, 118.0),
                LineKind.OVERHEAD, "poles on the feeder", List.of(term));
        return new SitingAnswer(VoltageLevel.MV_10KV, SupplyMode.DUAL_SUPPLY, "双电源",
                new SitingAnswer.Site(109.1, 39.2, "GCJ-02", AreaClass.RURAL), 900, 1000, List.of(candidate),
                List.of(new SitingAnswer.Pair(SupplyMode.DUAL_SUPPLY, "双电源", 1, 2, "F1", "F2", List.of("S1", "S2"),
                        List.of("B1", "B2"), 70.5, "pair explained")),
                List.of(new SitingAnswer.Fallback(FallbackKind.LOAD_TRANSFER, "transfer 100 kVA", List.of("F1", "F2"),
                        80.0, 500.0)),
                List.of(new SitingAnswer.NearbySubstation("S1", "station 1", 110, 2500.0)),
                List.of("note one", "note two"));
    }
}

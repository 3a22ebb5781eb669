package io.gridhub.siting;

import static io.gridhub.siting.Decimals.fixed;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.gridhub.capacity.MissingLoadPolicy;
import io.gridhub.capacity.OpenCapacity;
import io.gridhub.siting.SitingAnswer.Candidate;
import io.gridhub.siting.SitingAnswer.Cost;
import io.gridhub.siting.SitingAnswer.OpenCapacityKva;
import io.gridhub.siting.SitingAnswer.Upstream;

/**
 * Screens one candidate: every link of its chain must have room (open capacity ≥ request,
 * loading after connection ≤ cap), a cable connection needs a ring main unit with spare bays,
 * a low-voltage one must be within the supply radius. Then costs and scores it. Plain Java: the
 * rules are tested without a database.
 */
final class CandidateEvaluator {

    private final SitingProperties p;
    private final MissingLoadPolicy missingLoad;

    CandidateEvaluator(SitingProperties properties, MissingLoadPolicy missingLoad) {
        this.p = properties;
        this.missingLoad = missingLoad;
    }

    /** The open capacity of each link; null where the store could not resolve the link. */
    record Links(OpenCapacity transformer, OpenCapacity feeder, OpenCapacity mainTransformer, OpenCapacity substation) {
        List<OpenCapacity> present() {
            return Stream.of(transformer, feeder, mainTransformer, substation).filter(Objects::nonNull).toList();
        }
    }

    /**
     * How the new line reaches the source.
     *
     * @param tieIn pole or switchgear, null when none is recorded (a new pole / T-joint on the line)
     * @param lineKind OVERHEAD or CABLE; null for low voltage
     * @param lineKindBasis how lineKind was decided
     * @param maxSpareBays most spare bays of any switchgear on the feeder
     */
    record Connection(TieIn tieIn, LineKind lineKind, String lineKindBasis, int maxSpareBays) {}

    Candidate evaluate(SourceHit hit, Links links, Connection conn, RouteEstimate route, SupplyDecision d,
                       AreaClass area, CustomerCategory category) {
        double req = d.requestKva();
        boolean lv = d.voltageLevel().lowVoltage();
        List<Check> checks = supplyChainChecks(hit, links, d);
        if (!lv && conn.lineKind() == LineKind.CABLE) {
            int bays = conn.tieIn() != null && conn.tieIn().spareBays() != null ? conn.tieIn().spareBays()
                    : conn.maxSpareBays();
            checks.add(Check.of(RuleId.SPARE_BAY, "spare bay available (cable connection)", bays, p.minSpareBays(), "bays",
                    bays >= p.minSpareBays(), false));
        }
        Check customers = customersCheck(hit, d);
        if (customers != null) {
            checks.add(customers);
        }
        if (lv) {
            double radius = p.lowVoltageRadiusM().get(area);
            checks.add(Check.of(RuleId.LOW_VOLTAGE_RADIUS, "within low-voltage supply radius (" + area + ", route length)", route.lengthM(),
                    radius, "m", route.lengthM() <= radius, false));
        }
        boolean passed = checks.stream().allMatch(Check::passed);

        OpenCapacityKva open = binding(links, req);
        Cost cost = cost(d, route, conn, category);
        double distanceRef = lv ? p.lowVoltageRadiusM().get(area) : p.maxRadiusM() * p.detourFactor();
        double dScore = 100 * clamp(1 - route.lengthM() / distanceRef);
        double cScore = capacityScore(links, req);
        double rScore = p.reliability().single();
        double score;
        String explanation;
        if (passed) {
            score = round(p.weights().distance() * dScore + p.weights().capacity() * cScore
                    + p.weights().reliability() * rScore);
            explanation = w(p.weights().distance()) + " × distance " + fixed(dScore, 1) + " (route "
                    + fixed(route.lengthM(), 0) + " m of " + fixed(distanceRef, 0) + " m) + " + w(p.weights().capacity())
                    + " × capacity " + fixed(cScore, 1) + " ("
                    + (open.bindingAssetId() == null ? "no link measured"
                            : "binding " + open.bindingAssetType() + " " + open.bindingAssetId() + " keeps "
                            + fmt(open.after()) + " kVA open")
                    + ") + " + w(p.weights().reliability()) + " × reliability " + fixed(rScore, 0) + " (single supply) = "
                    + fixed(score, 1);
        } else {
            score = 0;
            explanation = "0: not offered, fails " + String.join("; ",
                    checks.stream().filter(c -> !c.passed()).map(Check::rule).toList());
        }
        TieIn tieIn = lv ? null : conn.tieIn();
        return new Candidate(0, hit.assetId(), hit.assetType(), hit.name(),
                SitingAnswer.GeoJsonPoint.of(hit.pointLon(), hit.pointLat()), round(hit.distanceM()),
                round(route.lengthM()), route.method(), open,
                new Upstream(hit.chain().feederId(), hit.chain().busbarId(), hit.chain().mainTransformerId(),
                        hit.chain().substationId()),
                checks, cost, score, passed, explanation, tieIn, lv ? null : conn.lineKind(),
                lv ? null : conn.lineKindBasis(), links.present());
    }

    /**
     * Whether a 10 kV candidate fails a check that its connection (tie-in, overhead or cable) does
     * not decide: room along the supply chain, or customers on the feeder. Such a candidate scores
     * 0 whatever its tie-in.
     */
    boolean failsWhateverTheConnection(SourceHit hit, Links links, SupplyDecision d) {
        Check customers = customersCheck(hit, d);
        return (customers != null && !customers.passed())
                || supplyChainChecks(hit, links, d).stream().anyMatch(c -> !c.passed());
    }

    /** Room on every link of the chain (transformer for low voltage, feeder, main transformer, substation). */
    private List<Check> supplyChainChecks(SourceHit hit, Links links, SupplyDecision d) {
        double req = d.requestKva();
        boolean lv = d.voltageLevel().lowVoltage();
        List<Check> checks = new ArrayList<>();
        if (lv) {
            checks.addAll(capacityChecks(links.transformer(), ChainLink.TRANSFORMER, req));
        }
        if (links.feeder() == null) {
            checks.add(new Check(RuleId.FEEDER_RESOLVED, "supply chain resolved (feeder)", null, null, null, false, false,
                    "feeder " + hit.chain().feederId() + " is not in service in the grid store"));
        } else {
            checks.addAll(capacityChecks(links.feeder(), ChainLink.FEEDER, req));
        }
        if (links.mainTransformer() != null) {
            checks.addAll(capacityChecks(links.mainTransformer(), ChainLink.MAIN_TRANSFORMER, req));
        }
        if (links.substation() != null) {
            checks.addAll(capacityChecks(links.substation(), ChainLink.SUBSTATION, req));
        } else {
            checks.add(new Check(RuleId.SUBSTATION_RESOLVED, "supply chain resolved (substation)", null, null, null,
                    false, false,
                    "substation " + hit.chain().substationId() + " is not in the grid store"));
        }
        return checks;
    }

    /**
     * Customers already on the feeder below the limit, so that with the new one it supplies at most
     * the limit (10 kV, where the store knows them); null otherwise.
     */
    private Check customersCheck(SourceHit hit, SupplyDecision d) {
        if (d.voltageLevel().lowVoltage() || hit.connectedCustomers() == null) {
            return null;
        }
        return Check.of(RuleId.FEEDER_CUSTOMERS_BELOW_LIMIT, "customers on the feeder < limit", hit.connectedCustomers(), p.maxCustomersPerFeeder(),
                "customers", hit.connectedCustomers() < p.maxCustomersPerFeeder(), false);
    }

    /** A link of the supply chain and the rules that check it; a null loading rule: no loading check. */
    enum ChainLink {
        TRANSFORMER("transformer", RuleId.TRANSFORMER_RESOLVED, RuleId.TRANSFORMER_OPEN_CAPACITY, null),
        FEEDER("feeder", RuleId.FEEDER_RESOLVED, RuleId.FEEDER_OPEN_CAPACITY, RuleId.FEEDER_LOADING),
        MAIN_TRANSFORMER("main transformer", RuleId.MAIN_TRANSFORMER_RESOLVED, RuleId.MAIN_TRANSFORMER_OPEN_CAPACITY,
                RuleId.MAIN_TRANSFORMER_LOADING),
        SUBSTATION("substation", RuleId.SUBSTATION_RESOLVED, RuleId.SUBSTATION_OPEN_CAPACITY, null);

        final String label;
        final RuleId resolved;
        final RuleId open;
        final RuleId loading;

        ChainLink(String label, RuleId resolved, RuleId open, RuleId loading) {
            this.label = label;
            this.resolved = resolved;
            this.open = open;
            this.loading = loading;
        }
    }

    /** Open capacity ≥ request and, for feeders and main transformers, loading after connection ≤ cap. */
    List<Check> capacityChecks(OpenCapacity c, ChainLink link, double req) {
        List<Check> out = new ArrayList<>();
        String label = link.label;
        boolean withLoading = link.loading != null;
        String openRule = label + " open capacity ≥ request";
        String loadingRule = label + " loading after connection ≤ cap";
        if (c == null) {
            out.add(new Check(link.resolved, "supply chain resolved (" + label + ")", null, null, null, false, false,
                    label + " not found in the grid store"));
            return out;
        }
        if (c.loadMissing()) {
            String why = label + " " + c.assetId() + " has no measured peak in the window: load missing, not taken as zero";
            if (missingLoad == MissingLoadPolicy.REJECT) {
                out.add(new Check(link.open, openRule, null, Check.round(req), "kVA", false, true,
                        why + "; policy REJECT (hub.capacity.missing-load)"));
                if (withLoading) {
                    out.add(new Check(link.loading, loadingRule, null, Check.round(c.capUsed() * 100), "%", false, true,
                            why));
                }
            } else {
                double upper = c.openUpperBoundKva();
                out.add(new Check(link.open, openRule, Check.round(upper), Check.round(req), "kVA", upper >= req, true,
                        why + "; policy OFFER_FLAGGED: value is the upper bound rated × cap − committed"));
                if (withLoading) {
                    double loading = (c.committedCountedKva() + req) / c.ratedKva() * 100;
                    out.add(new Check(link.loading, loadingRule, Check.round(loading), Check.round(c.capUsed() * 100),
                            "%", loading <= c.capUsed() * 100 + 1e-9, true, why + "; lower bound of the loading"));
                }
            }
            return out;
        }
        out.add(Check.of(link.open, openRule, c.openKva(), req, "kVA", c.openKva() >= req, true));
        if (withLoading) {
            double loading = c.loadingAfter(req) * 100;
            out.add(Check.of(link.loading, loadingRule, loading, c.capUsed() * 100, "%",
                    loading <= c.capUsed() * 100 + 1e-9, true));
        }
        return out;
    }

    /** The link with the least room: what can really be offered. */
    OpenCapacityKva binding(Links links, double req) {
        OpenCapacity worst = null;
        Double worstOpen = null;
        for (OpenCapacity c : links.present()) {
            Double open = c.loadMissing()
                    ? (missingLoad == MissingLoadPolicy.REJECT ? null : c.openUpperBoundKva())
                    : c.openKva();
            if (open == null) {
                return new OpenCapacityKva(null, null, c.assetId(), c.assetType());
            }
            if (worstOpen == null || open < worstOpen) {
                worst = c;
                worstOpen = open;
            }
        }
        return worst == null ? new OpenCapacityKva(null, null, null, null)
                : new OpenCapacityKva(round(worstOpen), round(worstOpen - req), worst.assetId(), worst.assetType());
    }

    /** Share of the binding link's allowed capacity still open after the request, 0–100. */
    double capacityScore(Links links, double req) {
        double share = 1;
        boolean any = false;
        for (OpenCapacity c : links.present()) {
            Double open = c.loadMissing() ? (missingLoad == MissingLoadPolicy.REJECT ? null
                    : c.openUpperBoundKva()) : c.openKva();
            if (open == null || c.allowedKva() <= 0) {
                return 0;
            }
            share = Math.min(share, (open - req) / c.allowedKva());
            any = true;
        }
        return any ? round(100 * clamp(share)) : 0;
    }

    Cost cost(SupplyDecision d, RouteEstimate route, Connection conn, CustomerCategory category) {
        SitingProperties.CostTable t = p.cost();
        double km = route.lengthM() / 1000;
        double grid = 0;
        double customer = 0;
        List<String> items = new ArrayList<>();
        if (d.voltageLevel().lowVoltage()) {
            double line = km * t.lowVoltageLinePerKm();
            boolean threeZeros = p.threeZerosCategories().contains(category);
            String payer = threeZeros ? "grid (three zeros: no customer investment)" : "customer";
            items.add("0.4 kV line " + fixed(km, 3) + " km × " + fixed(t.lowVoltageLinePerKm(), 0) + "/km = "
                    + fixed(line, 0) + " (" + payer + ")");
            items.add("metering box " + fixed(t.meteringBox(), 0) + " (" + payer + ")");
            if (threeZeros) {
                grid += line + t.meteringBox();
            } else {
                customer += line + t.meteringBox();
            }
        } else {
            boolean cable = conn.lineKind() == LineKind.CABLE;
            double perKm = cable ? t.cablePerKm() : t.overheadLinePerKm();
            double line = km * perKm;
            String payer = t.gridInvestsToBoundary() ? "grid, to the property boundary" : "customer";
            items.add("10 kV " + (cable ? "cable" : "overhead line") + " " + fixed(km, 3) + " km × " + fixed(perKm, 0)
                    + "/km = " + fixed(line, 0) + " (" + payer + ")");
            if (t.gridInvestsToBoundary()) {
                grid += line;
            } else {
                customer += line;
            }
            if (cable && (conn.tieIn() == null || conn.tieIn().spareBays() == null
                    || conn.tieIn().spareBays() < p.minSpareBays())) {
                grid += t.ringMainUnit();
                items.add("new ring main unit " + fixed(t.ringMainUnit(), 0) + " (grid, no spare bay)");
            }
            double transformers = transformerCost(d.requestKva(), items);
            customer += transformers + t.highVoltageMetering();
            items.add("10 kV metering cabinet " + fixed(t.highVoltageMetering(), 0) + " (customer)");
        }
        return new Cost(Math.round(grid), Math.round(customer), items);
    }

    /** The customer's transformers: the smallest standard size that carries the request, or several of the largest. */
    private double transformerCost(double kva, List<String> items) {
        List<SitingProperties.TransformerCost> sizes = p.cost().transformers();
        for (SitingProperties.TransformerCost s : sizes) {
            if (s.kva() >= kva) {
                items.add("customer transformer " + fixed(s.kva(), 0) + " kVA " + fixed(s.yuan(), 0) + " (customer)");
                return s.yuan();
            }
        }
        SitingProperties.TransformerCost largest = sizes.get(sizes.size() - 1);
        int n = (int) Math.ceil(kva / largest.kva());
        items.add("customer transformers " + n + " × " + fixed(largest.kva(), 0) + " kVA × " + fixed(largest.yuan(), 0)
                + " (customer)");
        return n * largest.yuan();
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String w(double weight) {
        return String.valueOf(weight);
    }

    private static String fmt(Double v) {
        return v == null ? "?" : fixed(v, 0);
    }
}

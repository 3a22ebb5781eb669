package io.gridhub.plans;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.gridhub.cases.ConnectionCase;
import io.gridhub.grid.AssetType;
import io.gridhub.siting.Check;
import io.gridhub.siting.SitingAnswer;
import io.gridhub.siting.SitingAnswer.Candidate;
import io.gridhub.siting.SupplyMode;
import io.gridhub.siting.VoltageLevel;

/**
 * Turns a siting answer into the content of a plan draft: the best passing candidate (or the best
 * dual-supply pair) becomes the power source(s), with the connection, metering and boundary details
 * that follow from the voltage and line kind; every candidate offered is kept for switching.
 * Plain Java, no database.
 */
final class PlanDrafter {

    private final PlansProperties p;

    PlanDrafter(PlansProperties properties) {
        this.p = properties;
    }

    PlanContent draft(ConnectionCase c, SitingAnswer a, LocalDate today) {
        List<ConsideredCandidate> considered = a.candidates().stream().map(x -> considered(x, a.requestedKva())).toList();
        Map<Integer, ConsideredCandidate> byRank = considered.stream()
                .collect(Collectors.toMap(ConsideredCandidate::rank, Function.identity(), (x, y) -> x));
        List<PlanSource> sources = new ArrayList<>();
        Integer chosen = null;
        String reason;
        String notes = null;
        if (a.voltageLevel() == VoltageLevel.OUTSIDE_10KV_SCOPE) {
            reason = "the request is outside the hub's 10 kV scope (35 kV or above): no plan can be drafted here";
        } else if (a.supplyMode() != SupplyMode.SINGLE && !a.pairs().isEmpty()) {
            SitingAnswer.Pair pair = a.pairs().get(0);
            sources.add(byRank.get(pair.primaryRank()).source().as(SourceRole.MAIN));
            sources.add(byRank.get(pair.standbyRank()).source().as(SourceRole.STANDBY));
            chosen = pair.primaryRank();
            reason = String.format(Locale.ROOT, "best %s pair of %d: candidates %d and %d, %s", pair.label(),
                    a.pairs().size(), pair.primaryRank(), pair.standbyRank(), pair.scoreExplanation());
        } else {
            Candidate best = a.candidates().stream().filter(Candidate::passed).findFirst().orElse(null);
            if (best == null) {
                reason = "no candidate passes every check";
                notes = a.fallbacks().stream().map(SitingAnswer.Fallback::description).collect(Collectors.joining("; "));
            } else {
                sources.add(byRank.get(best.rank()).source());
                chosen = best.rank();
                long passing = a.candidates().stream().filter(Candidate::passed).count();
                reason = String.format(Locale.ROOT, "highest score of %d passing candidates: %s", passing,
                        best.scoreExplanation());
                if (a.supplyMode() != SupplyMode.SINGLE) {
                    reason += "; no pair for " + a.supplyModeLabel() + " was found, single source only";
                }
            }
        }
        double gridCost = 0;
        double customerCost = 0;
        double route = 0;
        for (PlanSource s : sources) {
            ConsideredCandidate cc = considered.stream().filter(x -> x.source().assetId().equals(s.assetId()))
                    .findFirst().orElseThrow();
            gridCost += cc.costGridYuan();
            customerCost += cc.costCustomerYuan();
            route += s.routeLengthM();
        }
        IncomingLineType line = sources.isEmpty() ? IncomingLineType.OVERHEAD : lineType(sources);
        MeteringMethod metering = metering(a.voltageLevel(), a.requestedKva());
        LocalDate validUntil = today.plus(a.voltageLevel().lowVoltage() ? p.validityLowVoltage() : p.validityHighVoltage());
        return new PlanContent(a.voltageLevel(), voltageLabel(a.voltageLevel()), a.requestedKva(), a.supplyMode(),
                a.supplyMode().label(), sources, boundary(sources, a.voltageLevel()), line,
                meteringPoint(metering), metering, Math.round(route), Math.round(gridCost), Math.round(customerCost),
                validUntil, notes, considered, chosen, reason);
    }

    /** The content with the main (and standby) source switched to other considered candidates. */
    PlanContent switchTo(PlanContent c, Integer mainRank, Integer standbyRank) {
        List<PlanSource> sources = new ArrayList<>(c.sources());
        String reason = c.chosenReason();
        Integer chosen = c.chosenRank();
        if (mainRank != null) {
            ConsideredCandidate m = find(c, mainRank, "candidateRank");
            if (sources.isEmpty()) {
                sources.add(m.source().as(SourceRole.MAIN));
            } else {
                sources.set(0, m.source().as(SourceRole.MAIN));
            }
            chosen = mainRank;
            reason = "switched by the customer manager to candidate " + mainRank
                    + (m.passed() ? "" : " (which fails " + String.join(", ", m.failedChecks()) + ")");
        }
        if (standbyRank != null) {
            ConsideredCandidate s = find(c, standbyRank, "standbyRank");
            if (sources.isEmpty()) {
                throw new io.gridhub.api.InvalidFieldException("standbyRank", "a standby source needs a main source");
            }
            if (sources.size() > 1) {
                sources.set(1, s.source().as(SourceRole.STANDBY));
            } else {
                sources.add(s.source().as(SourceRole.STANDBY));
            }
            reason = reason + "; standby switched to candidate " + standbyRank;
        }
        if (sources.size() > 1 && sources.get(0).assetId().equals(sources.get(1).assetId())) {
            throw new io.gridhub.api.InvalidFieldException("standbyRank", "main and standby must be different sources");
        }
        double grid = 0;
        double customer = 0;
        double route = 0;
        for (PlanSource s : sources) {
            ConsideredCandidate cc = c.candidates().stream().filter(x -> x.source().assetId().equals(s.assetId()))
                    .findFirst().orElseThrow();
            grid += cc.costGridYuan();
            customer += cc.costCustomerYuan();
            route += s.routeLengthM();
        }
        return new PlanContent(c.voltageLevel(), c.voltageLabel(), c.capacityKva(), c.supplyMode(), c.supplyModeLabel(),
                sources, boundary(sources, c.voltageLevel()), lineType(sources), c.meteringPoint(), c.meteringMethod(),
                Math.round(route), Math.round(grid), Math.round(customer), c.validUntil(), c.notes(), c.candidates(),
                chosen, reason);
    }

    private static ConsideredCandidate find(PlanContent c, int rank, String field) {
        return c.candidates().stream().filter(x -> x.rank() == rank).findFirst()
                .orElseThrow(() -> new io.gridhub.api.InvalidFieldException(field, "no considered candidate of rank "
                        + rank + "; ranks are " + c.candidates().stream().map(ConsideredCandidate::rank).toList()));
    }

    private static ConsideredCandidate considered(Candidate x, double kva) {
        SitingAnswer.Upstream u = x.upstream();
        boolean transformer = x.assetType() == AssetType.DISTRIBUTION_TRANSFORMER;
        ConnectionPoint point;
        if (x.tieIn() != null) {
            String name = "POLE".equals(x.tieIn().kind()) ? x.name() + " " + x.tieIn().name() + "号杆" : x.tieIn().name();
            point = new ConnectionPoint(x.tieIn().kind(), x.tieIn().id(), name, x.tieIn().lon(), x.tieIn().lat());
        } else {
            double[] xy = x.connectionPoint().coordinates();
            point = new ConnectionPoint(transformer ? "TRANSFORMER" : "FEEDER_LINE", transformer ? x.assetId() : null,
                    x.name(), xy[0], xy[1]);
        }
        PlanSource s = new PlanSource(SourceRole.MAIN, SourceRole.MAIN.label(), x.assetId(), x.assetType(), x.name(),
                transformer ? x.assetId() : null, u == null ? null : u.feederId(), u == null ? null : u.busbarId(),
                u == null ? null : u.mainTransformerId(), u == null ? null : u.substationId(), point, x.lineKind() == null ? null : x.lineKind().name(),
                Math.round(x.routeLengthM()), kva);
        List<String> failed = x.checks().stream().filter(ch -> !ch.passed()).map(Check::rule).toList();
        return new ConsideredCandidate(x.rank(), x.passed(), x.score(), x.scoreExplanation(), Math.round(x.distanceM()),
                x.openCapacityKva() == null ? null : x.openCapacityKva().after(), failed,
                x.estimatedCostYuan() == null ? 0 : x.estimatedCostYuan().grid(),
                x.estimatedCostYuan() == null ? 0 : x.estimatedCostYuan().customer(), s);
    }

    private static IncomingLineType lineType(List<PlanSource> sources) {
        boolean cable = sources.stream().anyMatch(s -> "CABLE".equals(s.lineKind()));
        boolean overhead = sources.stream().anyMatch(s -> !"CABLE".equals(s.lineKind()));
        return cable && overhead ? IncomingLineType.MIXED : cable ? IncomingLineType.CABLE : IncomingLineType.OVERHEAD;
    }

    MeteringMethod metering(VoltageLevel v, double kva) {
        if (v.lowVoltage()) {
            return MeteringMethod.LOW_LOW;
        }
        return kva >= p.highMeteringMinKva() ? MeteringMethod.HIGH_HIGH : MeteringMethod.HIGH_LOW;
    }

    static String meteringPoint(MeteringMethod m) {
        return switch (m) {
            case HIGH_HIGH -> "用户10kV进线计量柜（高压侧）";
            case HIGH_LOW -> "用户配电变压器低压出线侧";
            case LOW_LOW -> "产权分界点处计量表箱";
        };
    }

    static String boundary(List<PlanSource> sources, VoltageLevel v) {
        if (sources.isEmpty()) {
            return null;
        }
        ConnectionPoint cp = sources.get(0).connectionPoint();
        if (v.lowVoltage()) {
            return "计量表箱出线端（" + cp.name() + " 低压出线）";
        }
        return switch (cp.kind()) {
            case "POLE" -> cp.name() + " T接处，用户引线与线路连接点";
            case "RING_MAIN_UNIT", "SWITCHING_STATION", "CABLE_BRANCH_BOX" -> cp.name() + " 出线间隔电缆终端";
            default -> sources.get(0).assetName() + " 接入点";
        };
    }

    static String voltageLabel(VoltageLevel v) {
        return switch (v) {
            case LV_220V -> "220V";
            case LV_380V -> "380V";
            case MV_10KV -> "10kV";
            case OUTSIDE_10KV_SCOPE -> "35kV及以上";
        };
    }
}

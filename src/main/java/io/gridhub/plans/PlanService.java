package io.gridhub.plans;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.api.InvalidFieldException;
import io.gridhub.capacity.CapacityCommitments;
import io.gridhub.capacity.CapacityCommitments.CapacityShortfallException;
import io.gridhub.capacity.SupplyChain;
import io.gridhub.cases.Actor;
import io.gridhub.cases.AuditLog;
import io.gridhub.cases.CaseAccess;
import io.gridhub.cases.CaseConflictException;
import io.gridhub.cases.CaseService;
import io.gridhub.cases.CaseStatus;
import io.gridhub.cases.ConnectionCase;
import io.gridhub.cases.NotFoundException;
import io.gridhub.cases.PreconditionFailedException;
import io.gridhub.cases.Stage;
import io.gridhub.siting.SitingAnswer;
import io.gridhub.siting.SitingRequest;
import io.gridhub.siting.SitingService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafts, edits, confirms and withdraws supply plans. Each change locks the case row (so changes of
 * one case are serialised) and the plan row, checks access, writes a version and the audit log,
 * and appends its SupplyPlan message to the outbox, in one transaction.
 */
@Service
public class PlanService {

    private final PlanRepository plans;
    private final CaseService cases;
    private final SitingService siting;
    private final CapacityCommitments commitments;
    private final AuditLog audit;
    private final PlanMessages messages;
    private final PlanDrafter drafter;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final int candidatesConsidered;
    private final PlanPdf pdf;

    PlanService(PlanRepository plans, CaseService cases, SitingService siting, CapacityCommitments commitments,
                AuditLog audit, PlanMessages messages, PlansProperties properties, ObjectMapper json,
                io.gridhub.cases.CasesProperties casesProperties, PlanPdf pdf) {
        this.plans = plans;
        this.cases = cases;
        this.siting = siting;
        this.commitments = commitments;
        this.audit = audit;
        this.messages = messages;
        this.drafter = new PlanDrafter(properties);
        this.json = json;
        this.zone = casesProperties.zone();
        this.candidatesConsidered = properties.candidatesConsidered();
        this.pdf = pdf;
    }

    /** Drafts a plan from a fresh siting answer: the case must be open, at the survey or plan stage. */
    @Transactional
    public SupplyPlan draft(String caseNo, Actor actor) {
        ConnectionCase c = cases.lockForChange(caseNo, actor);
        if (c.status() != CaseStatus.OPEN || !(c.stage() == Stage.SITE_SURVEY || c.stage() == Stage.PLAN_REPLY)) {
            throw new CaseConflictException("case " + caseNo + " is " + c.status() + " at stage " + c.stage()
                    + ": plans are drafted at SITE_SURVEY or PLAN_REPLY",
                    Map.of("currentStage", c.stage().name(), "status", c.status().name()));
        }
        SitingAnswer answer = siting.site(new SitingRequest(c.site().lon(), c.site().lat(), "EPSG:4490",
                c.requestedKw(), c.requestedKw() == null ? c.requestedKva() : null, c.powerFactor(),
                c.customerCategory(), c.importance(), null, candidatesConsidered));
        PlanContent content = drafter.draft(c, answer, today());
        String planId = plans.nextId(caseNo);
        plans.insert(planId, caseNo, content, actor.name());
        SupplyPlan plan = read(planId);
        long auditId = audit.record(actor, caseNo, "PLAN", planId, "PLAN_DRAFTED", null, plan);
        messages.append(auditId, "created", plan, actor, null);
        return plan;
    }

    public SupplyPlan get(String planId, Actor actor) {
        SupplyPlan p = read(planId);
        CaseAccess.checkRead(actor, cases.read(p.caseNo()));
        return p;
    }

    public List<SupplyPlan> ofCase(String caseNo, Actor actor) {
        CaseAccess.checkRead(actor, cases.read(caseNo));
        return plans.ofCase(caseNo).stream().map(r -> read(r.planId())).toList();
    }

    /** Edits a draft or switches its candidate: a new version; 412 when {@code ifMatch} is not the current version. */
    @Transactional
    public SupplyPlan edit(String planId, Integer ifMatch, PlanEdit edit, Actor actor) {
        PlanRepository.Row row = lock(planId, actor);
        if (ifMatch == null) {
            throw new InvalidFieldException("If-Match", "give the version being edited, e.g. If-Match: \"" + row.version() + "\"");
        }
        if (ifMatch != row.version()) {
            throw new PreconditionFailedException("plan " + planId + " is at version " + row.version()
                    + ", not " + ifMatch + ": reload it and edit again", row.version());
        }
        requireStatus(row, PlanStatus.DRAFT);
        PlanContent before = row.content();
        PlanContent c = edit.candidateRank() != null || edit.standbyRank() != null
                ? drafter.switchTo(before, edit.candidateRank(), edit.standbyRank()) : before;
        c = new PlanContent(c.voltageLevel(), c.voltageLabel(), c.capacityKva(), c.supplyMode(), c.supplyModeLabel(),
                c.sources(), or(edit.propertyBoundaryPoint(), c.propertyBoundaryPoint()),
                or(edit.incomingLineType(), c.incomingLineType()), or(edit.meteringPoint(), c.meteringPoint()),
                or(edit.meteringMethod(), c.meteringMethod()), c.routeLengthM(), c.costGridYuan(), c.costCustomerYuan(),
                or(edit.validUntil(), c.validUntil()), or(edit.notes(), c.notes()), c.candidates(), c.chosenRank(),
                c.chosenReason());
        if (edit.validUntil() != null && edit.validUntil().isBefore(today())) {
            throw new InvalidFieldException("validUntil", "must not be in the past, was " + edit.validUntil());
        }
        List<String> changes = PlanDiff.between(json, before, c).stream().map(PlanComparison.Difference::field).toList();
        if (changes.isEmpty()) {
            return read(planId);
        }
        SupplyPlan old = read(planId);
        String action = edit.candidateRank() != null || edit.standbyRank() != null ? "CANDIDATE_SWITCHED" : "EDITED";
        plans.update(planId, row.version() + 1, c, actor.name(), action, changes);
        SupplyPlan plan = read(planId);
        long auditId = audit.record(actor, row.caseNo(), "PLAN", planId, "PLAN_" + action, old, plan);
        messages.append(auditId, "changed", plan, actor, "changed: " + String.join(", ", changes));
        return plan;
    }

    /**
     * Confirms a draft: commits its capacity on every asset of every source's chain, atomically
     * ({@link CapacityCommitments}); 409 with the remaining room when a link has too little.
     */
    @Transactional
    public SupplyPlan confirm(String planId, String note, Actor actor) {
        PlanRepository.Row row = lock(planId, actor);
        requireStatus(row, PlanStatus.DRAFT);
        PlanContent c = row.content();
        if (c.sources().isEmpty()) {
            throw new CaseConflictException("plan " + planId + " has no power source to confirm",
                    Map.of("currentStatus", row.status().name()));
        }
        if (plans.ofCase(row.caseNo()).stream().anyMatch(p -> p.status() == PlanStatus.CONFIRMED)) {
            throw new CaseConflictException("case " + row.caseNo() + " has a confirmed plan already: withdraw it first",
                    Map.of("currentStatus", row.status().name()));
        }
        List<SupplyChain> chains = c.sources().stream().map(s -> new SupplyChain(s.transformerId(), s.feederId(),
                s.busbarId(), s.mainTransformerId(), s.substationId())).toList();
        try {
            commitments.commit(row.caseNo(), chains, c.capacityKva());
        } catch (CapacityShortfallException e) {
            CapacityCommitments.Shortfall s = e.shortfall();
            Map<String, Object> props = new HashMap<>();
            props.put("remainingKva", s.remainingKva());
            props.put("requestedKva", s.requestedKva());
            props.put("bindingAssetId", s.assetId());
            props.put("bindingAssetType", s.assetType().name());
            props.put("currentStatus", row.status().name());
            throw new CaseConflictException("plan " + planId + " cannot be confirmed: " + s.reason(), props);
        }
        SupplyPlan old = read(planId);
        plans.setStatus(planId, PlanStatus.CONFIRMED, actor.name());
        SupplyPlan plan = read(planId);
        long auditId = audit.record(actor, row.caseNo(), "PLAN", planId, "PLAN_CONFIRMED", old, plan);
        messages.append(auditId, "changed", plan, actor, note);
        return plan;
    }

    /** Withdraws a draft or a confirmed plan; a confirmed one releases its capacity. */
    @Transactional
    public SupplyPlan withdraw(String planId, String note, Actor actor) {
        PlanRepository.Row row = lock(planId, actor);
        return close(row, PlanStatus.WITHDRAWN, note, actor);
    }

    /** Expires every live plan past its validity; each in the caller's transaction. */
    @Transactional
    public int expire(LocalDate today) {
        int n = 0;
        for (String planId : plans.expiredBy(today)) {
            PlanRepository.Row row = plans.find(planId, true).orElseThrow();
            if (row.status() == PlanStatus.DRAFT || row.status() == PlanStatus.CONFIRMED) {
                close(row, PlanStatus.EXPIRED, "valid until " + row.content().validUntil(), Actor.hub());
                n++;
            }
        }
        return n;
    }

    /** The case was cancelled: every live plan is withdrawn, confirmed capacity released. */
    @Transactional
    public void caseCanceled(String caseNo, String reason, Actor actor) {
        for (PlanRepository.Row r : plans.ofCase(caseNo)) {
            if (r.status() == PlanStatus.DRAFT || r.status() == PlanStatus.CONFIRMED) {
                close(plans.find(r.planId(), true).orElseThrow(), PlanStatus.WITHDRAWN,
                        "case canceled" + (reason == null ? "" : ": " + reason), actor);
            }
        }
    }

    /** The case reached the plan stage: draft a plan unless it has a live one. */
    @Transactional
    public void reachedPlanStage(String caseNo, Actor actor) {
        boolean live = plans.ofCase(caseNo).stream()
                .anyMatch(p -> p.status() == PlanStatus.DRAFT || p.status() == PlanStatus.CONFIRMED);
        if (!live) {
            draft(caseNo, actor);
        }
    }

    /** The customer is connected (case archived): the confirmed promise gives way to the measured load. */
    @Transactional
    public void caseConnected(String caseNo) {
        commitments.connected(caseNo);
    }

    public PlanComparison compare(String planId, int from, int to, Actor actor) {
        SupplyPlan p = get(planId, actor);
        PlanContent a = plans.version(planId, from).orElseThrow(() -> new NotFoundException("from",
                "plan " + planId + " has no version " + from + " (versions 1…" + p.version() + ")"));
        PlanContent b = plans.version(planId, to).orElseThrow(() -> new NotFoundException("to",
                "plan " + planId + " has no version " + to + " (versions 1…" + p.version() + ")"));
        return new PlanComparison(planId, from, to, PlanDiff.between(json, a, b));
    }

    /** The printable reply (供电方案答复单) of the plan's current version. */
    public byte[] pdf(String planId, Actor actor) {
        SupplyPlan p = get(planId, actor);
        return pdf.render(p, cases.read(p.caseNo()));
    }

    public PlanContent version(String planId, int version, Actor actor) {
        get(planId, actor);
        return plans.version(planId, version).orElseThrow(() -> new NotFoundException("version",
                "plan " + planId + " has no version " + version));
    }

    private SupplyPlan close(PlanRepository.Row row, PlanStatus to, String note, Actor actor) {
        if (row.status() != PlanStatus.DRAFT && row.status() != PlanStatus.CONFIRMED) {
            throw new CaseConflictException("plan " + row.planId() + " is " + row.status() + " already",
                    Map.of("currentStatus", row.status().name()));
        }
        SupplyPlan old = read(row.planId());
        if (row.status() == PlanStatus.CONFIRMED) {
            commitments.release(row.caseNo());
        }
        plans.setStatus(row.planId(), to, actor.name());
        SupplyPlan plan = read(row.planId());
        long auditId = audit.record(actor, row.caseNo(), "PLAN", row.planId(), "PLAN_" + to, old, plan);
        messages.append(auditId, "canceled", plan, actor, note);
        return plan;
    }

    private PlanRepository.Row lock(String planId, Actor actor) {
        PlanRepository.Row unlocked = plans.find(planId, false)
                .orElseThrow(() -> new NotFoundException("planId", "no plan " + planId));
        cases.lockForChange(unlocked.caseNo(), actor); // case first, then plan: the order every change takes
        return plans.find(planId, true).orElseThrow();
    }

    private static void requireStatus(PlanRepository.Row row, PlanStatus wanted) {
        if (row.status() != wanted) {
            throw new CaseConflictException("plan " + row.planId() + " is " + row.status() + ", not " + wanted,
                    Map.of("currentStatus", row.status().name()));
        }
    }

    SupplyPlan read(String planId) {
        PlanRepository.Row r = plans.find(planId, false)
                .orElseThrow(() -> new NotFoundException("planId", "no plan " + planId));
        return new SupplyPlan(r.planId(), r.caseNo(), r.status(), r.version(), r.content(), r.createdAt(),
                r.createdBy(), r.confirmedAt(), r.confirmedBy(), plans.versions(planId));
    }

    private LocalDate today() {
        return LocalDate.now(zone);
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }
}

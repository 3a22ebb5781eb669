package io.gridhub.cases;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.gridhub.api.InvalidFieldException;
import io.gridhub.geo.ServiceArea;
import io.gridhub.security.HubRole;
import io.gridhub.siting.ChinaOffsetCoordinates;
import io.gridhub.siting.Importance;
import io.gridhub.siting.SiteCrs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads, lists and moves cases. Every change locks the case row, checks access, writes the
 * audit log and appends its ConnectionApplication message to the outbox, all in one transaction
 * (the caller's, when the MIS handler runs it inside the deduplicating one). The methods the MIS
 * handler calls do not roll back for the failures it answers (bad field, conflict, stale revision:
 * all thrown before any write), so the dispatcher's transaction can still commit its
 * deduplication record with the FAILED reply.
 */
@Service
public class CaseService {

    private final CaseRepository cases;
    private final TimeLimits limits;
    private final AuditLog audit;
    private final CaseMessages messages;
    private final ApplicationEventPublisher events;
    private final ServiceArea serviceArea;
    private final CasesProperties properties;
    private final double lowVoltageMaxKw;
    private final double defaultPowerFactor;
    private final double maxRequestKva;
    private final Clock clock = Clock.systemUTC();

    CaseService(CaseRepository cases, TimeLimits limits, AuditLog audit, CaseMessages messages,
                ApplicationEventPublisher events, ServiceArea serviceArea, CasesProperties properties,
                @Value("${hub.siting.low-voltage-max-kw:160}") double lowVoltageMaxKw,
                @Value("${hub.siting.default-power-factor:0.9}") double defaultPowerFactor,
                @Value("${hub.siting.max-request-kva:1000000}") double maxRequestKva) {
        this.cases = cases;
        this.limits = limits;
        this.audit = audit;
        this.messages = messages;
        this.events = events;
        this.serviceArea = serviceArea;
        this.properties = properties;
        this.lowVoltageMaxKw = lowVoltageMaxKw;
        this.defaultPowerFactor = defaultPowerFactor;
        this.maxRequestKva = maxRequestKva;
    }

    /** Registers a new application at the acceptance stage. */
    @Transactional(noRollbackFor = {IllegalArgumentException.class, CaseConflictException.class})
    public ConnectionCase create(NewCase n, long revision, Actor actor) {
        if (!actor.system() && !actor.has(HubRole.ADMIN)
                && !(actor.has(HubRole.CUSTOMER_MANAGER) && n.serviceUnit().equals(actor.unit()))) {
            throw new AccessDeniedException(actor.name() + " may not register cases for " + n.serviceUnit());
        }
        CaseRepository.Row row = row(n);
        if (cases.exists(n.caseNo())) {
            ConnectionCase existing = read(n.caseNo());
            throw new CaseConflictException("case " + n.caseNo() + " exists already, at stage " + existing.stage(),
                    Map.of("caseNo", n.caseNo(), "currentStage", existing.stage().name()));
        }
        cases.insert(row, Stage.ACCEPTANCE, revision);
        OffsetDateTime now = OffsetDateTime.now(clock);
        cases.startStage(n.caseNo(), Stage.ACCEPTANCE, now, actor.name(), null,
                limits.limitFor(Stage.ACCEPTANCE, now, now, row.lowVoltage(), dual(row.importance())));
        ConnectionCase created = read(n.caseNo());
        long auditId = audit.record(actor, n.caseNo(), "CASE", n.caseNo(), "CREATED", null, created);
        messages.append(auditId, "created", created, actor, null);
        return created;
    }

    /** Replaces the application's fields from a newer MIS revision; stage and status stay. */
    @Transactional(noRollbackFor = {IllegalArgumentException.class, CaseConflictException.class})
    public ConnectionCase change(NewCase n, long revision, Actor actor) {
        ConnectionCase before = lockAndRead(n.caseNo(), "caseNo");
        CaseAccess.checkAct(actor, before);
        if (revision <= before.revision()) {
            throw new StaleRevisionException(n.caseNo(), revision, before.revision());
        }
        CaseRepository.Row row = row(n);
        cases.update(row, revision);
        ConnectionCase after = read(n.caseNo());
        long auditId = audit.record(actor, n.caseNo(), "CASE", n.caseNo(), "CHANGED", before, after);
        messages.append(auditId, "changed", after, actor, null);
        return after;
    }

    public ConnectionCase get(String caseNo, Actor actor) {
        ConnectionCase c = cases.find(caseNo, this::nextStages)
                .orElseThrow(() -> new NotFoundException("caseNo", "no case " + caseNo));
        CaseAccess.checkRead(actor, c);
        return c;
    }

    /**
     * Locks the case for a change by another capability (a plan), checks that the actor may act on
     * it, and returns it. The lock lasts until the caller's transaction ends.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public ConnectionCase lockForChange(String caseNo, Actor actor) {
        ConnectionCase c = lockAndRead(caseNo, "caseNo");
        CaseAccess.checkAct(actor, c);
        return c;
    }

    /** The case without access checks, for capabilities acting for an already checked user. */
    public ConnectionCase read(String caseNo) {
        return cases.find(caseNo, this::nextStages)
                .orElseThrow(() -> new NotFoundException("caseNo", "no case " + caseNo));
    }

    /** GET /api/cases: customer managers see their unit, project managers their cases, others all. */
    public CasePage list(Stage stage, String unit, String manager, Boolean overdue, int page, Actor actor) {
        if (page < 0) {
            throw new InvalidFieldException("page", "must be 0 or more, was " + page);
        }
        String pmOnly = null;
        if (!(actor.system() || actor.has(HubRole.ADMIN) || actor.has(HubRole.DISPATCHER))) {
            if (actor.has(HubRole.CUSTOMER_MANAGER)) {
                if (unit != null && !unit.equals(actor.unit())) {
                    throw new AccessDeniedException(actor.name() + " may not list the cases of " + unit);
                }
                unit = actor.unit() == null ? "" : actor.unit(); // no unit: matches no case
            } else if (actor.has(HubRole.PROJECT_MANAGER)) {
                pmOnly = actor.name();
            } else {
                throw new AccessDeniedException(actor.name() + " may not list cases");
            }
        }
        CaseRepository.Filter f = new CaseRepository.Filter(stage, unit, manager, overdue, pmOnly);
        int size = properties.pageSize();
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<CaseSummary> items = cases.list(f, page, size).stream().map(r -> summary(r, now)).toList();
        return new CasePage(items, page, size, cases.count(f));
    }

    /** The dispatchers' list: open cases past their warning threshold, the most urgent first. */
    public List<CaseSummary> warnings(Actor actor) {
        if (!(actor.system() || actor.has(HubRole.ADMIN) || actor.has(HubRole.DISPATCHER))) {
            throw new AccessDeniedException(actor.name() + " may not read the dispatch list");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return cases.openLimited().stream().map(r -> summary(r, now))
                .filter(s -> s.timeFlag() != TimeFlag.NONE)
                .sorted(DispatchOrder.MOST_URGENT_FIRST).toList();
    }

    /** Moves a case to {@code target}; 409 naming the current stage when that is not a legal move. */
    @Transactional
    public ConnectionCase advance(String caseNo, Stage target, StageCommand command, Actor actor) {
        return advanceFrom(lockAndRead(caseNo, "caseNo"), target, command, actor);
    }

    /** {@link #advance} of a case this transaction has locked already, as read now. */
    private ConnectionCase advanceFrom(ConnectionCase before, Stage target, StageCommand command, Actor actor) {
        String caseNo = before.caseNo();
        boolean dispatcherArchives = actor.has(HubRole.DISPATCHER) && target == Stage.ARCHIVE;
        if (!dispatcherArchives) {
            CaseAccess.checkAct(actor, before);
        }
        if (before.status() != CaseStatus.OPEN) {
            throw new CaseConflictException("case " + caseNo + " is " + before.status() + " at stage " + before.stage(),
                    Map.of("currentStage", before.stage().name(), "status", before.status().name()));
        }
        Boolean gridWorks = command == null || command.gridWorks() == null ? before.gridWorks() : command.gridWorks();
        List<Stage> allowed = StageFlow.allowedNext(before.stage(), before.lowVoltage(), !Boolean.FALSE.equals(gridWorks));
        if (!allowed.contains(target)) {
            throw new CaseConflictException(String.format(Locale.ROOT,
                    "case %s is at stage %s (%s); it can move to %s, not %s", caseNo, before.stage(),
                    before.stage().label(), allowed, target),
                    Map.of("currentStage", before.stage().name(), "allowedStages", allowed.stream().map(Enum::name).toList()));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String note = command == null ? null : command.note();
        cases.completeStage(caseNo, now, actor.name());
        OffsetDateTime accepted = before.stages().isEmpty() ? now : before.stages().get(0).startedAt();
        cases.startStage(caseNo, target, now, actor.name(), note,
                limits.limitFor(target, now, accepted, before.lowVoltage(), dual(before.importance())));
        CaseStatus status = target == Stage.ARCHIVE ? CaseStatus.CLOSED : CaseStatus.OPEN;
        cases.setStage(caseNo, target, status, command == null ? null : command.gridWorks());
        ConnectionCase after = read(caseNo);
        long auditId = audit.record(actor, caseNo, "CASE", caseNo, "STAGE_" + target, before, after);
        messages.append(auditId, status == CaseStatus.CLOSED ? "closed" : "changed", after, actor, note);
        events.publishEvent(new CaseStageChanged(caseNo, before.stage(), target, actor));
        return after;
    }

    /**
     * Brings a case up to the stage the MIS says it has reached, one legal step at a time (each step
     * recorded, timed and announced like a move over REST, so reaching the plan stage drafts the
     * plan in this transaction). Grid works are assumed unless the case says otherwise: the MIS
     * names the stage, not the survey's finding. A stage the case has reached or passed already
     * changes nothing (the hub's users may be ahead of the MIS); a stage no legal path reaches, such
     * as a high-voltage-only stage of a low-voltage case, is a 400 naming {@code stage}.
     */
    @Transactional(noRollbackFor = {IllegalArgumentException.class, CaseConflictException.class})
    public ConnectionCase catchUp(ConnectionCase c, Stage target, Actor actor) {
        ConnectionCase now = c;
        if (target == null || now.status() != CaseStatus.OPEN || target.ordinal() <= now.stage().ordinal()) {
            return now;
        }
        boolean locked = false;
        while (now.stage() != target) {
            Stage from = now.stage();
            Stage next = StageFlow.allowedNext(from, now.lowVoltage(), !Boolean.FALSE.equals(now.gridWorks())).stream()
                    .filter(s -> s.ordinal() > from.ordinal() && s.ordinal() <= target.ordinal())
                    .min(java.util.Comparator.comparingInt(Enum::ordinal))
                    .orElseThrow(() -> new io.gridhub.api.InvalidFieldException("stage", String.format(Locale.ROOT,
                            "case %s cannot reach stage %s from %s (%s voltage)", c.caseNo(), target, from,
                            c.lowVoltage() ? "low" : "high")));
            // locked for the first step; the lock lasts to the end of the transaction, so the others read it again
            now = advanceFrom(locked ? read(c.caseNo()) : lockAndRead(c.caseNo(), "caseNo"), next,
                    new StageCommand("MIS: " + target.label(), null), actor);
            locked = true;
        }
        return now;
    }

    /** Cancels an open case; its plans are withdrawn and their capacity released (CaseCanceled). */
    @Transactional(noRollbackFor = {IllegalArgumentException.class, CaseConflictException.class})
    public ConnectionCase cancel(String caseNo, String reason, long revision, Actor actor) {
        ConnectionCase before = lockOpenCase(caseNo, revision, actor);
        OffsetDateTime now = OffsetDateTime.now(clock);
        cases.completeStage(caseNo, now, actor.name());
        cases.setStage(caseNo, before.stage(), CaseStatus.CANCELED, null);
        if (revision > 0) {
            cases.setRevision(caseNo, revision);
        }
        events.publishEvent(new CaseCanceled(caseNo, reason, actor));
        ConnectionCase after = read(caseNo);
        long auditId = audit.record(actor, caseNo, "CASE", caseNo, "CANCELED", before, after);
        messages.append(auditId, "canceled", after, actor, reason);
        return after;
    }

    /** Closes (archives) a case the MIS has finished, from whatever stage it is at. */
    @Transactional(noRollbackFor = {IllegalArgumentException.class, CaseConflictException.class})
    public ConnectionCase close(String caseNo, String note, long revision, Actor actor) {
        ConnectionCase before = lockOpenCase(caseNo, revision, actor);
        OffsetDateTime now = OffsetDateTime.now(clock);
        cases.completeStage(caseNo, now, actor.name());
        cases.startStage(caseNo, Stage.ARCHIVE, now, actor.name(), note, new TimeLimits.Limit(null, null));
        cases.completeStage(caseNo, now, actor.name());
        cases.setStage(caseNo, Stage.ARCHIVE, CaseStatus.CLOSED, null);
        if (revision > 0) {
            cases.setRevision(caseNo, revision);
        }
        ConnectionCase after = read(caseNo);
        long auditId = audit.record(actor, caseNo, "CASE", caseNo, "CLOSED", before, after);
        messages.append(auditId, "closed", after, actor, note);
        events.publishEvent(new CaseStageChanged(caseNo, before.stage(), Stage.ARCHIVE, actor));
        return after;
    }

    /** The time-limit job's step for one case: flags it and tells the MIS when the flag changes. */
    @Transactional
    public boolean flagTimeLimit(String caseNo, TimeFlag flag, Actor actor) {
        if (!cases.flag(caseNo, flag)) {
            return false;
        }
        ConnectionCase c = read(caseNo);
        long auditId = audit.record(actor, caseNo, "CASE", caseNo, "TIME_" + flag, null, c.currentStage());
        messages.append(auditId, "changed", c, actor, "time limit " + flag + " at stage " + c.stage());
        return true;
    }

    List<CaseRepository.SummaryRow> openLimited() {
        return cases.openLimited();
    }

    CaseSummary summary(CaseRepository.SummaryRow r, OffsetDateTime now) {
        TimeFlag flag = r.status() == CaseStatus.OPEN ? limits.flag(r.startedAt(), r.limitWorkingDays(), r.dueAt(), now)
                : TimeFlag.NONE;
        return new CaseSummary(r.caseNo(), r.customerName(), r.serviceUnit(), r.customerManager(), r.projectManager(),
                r.stage(), r.stage().label(), r.status(), r.requestedKva(), r.lowVoltage(), r.startedAt(), r.dueAt(),
                flag, r.status() == CaseStatus.OPEN ? limits.elapsedShare(r.startedAt(), r.limitWorkingDays(), r.dueAt(), now) : null);
    }

    /** Locks an open case for an MIS cancel or close: access, revision (0 = none given) and status checked. */
    private ConnectionCase lockOpenCase(String caseNo, long revision, Actor actor) {
        ConnectionCase before = lockAndRead(caseNo, "caseNo");
        CaseAccess.checkAct(actor, before);
        if (revision > 0 && revision <= before.revision()) {
            throw new StaleRevisionException(caseNo, revision, before.revision());
        }
        if (before.status() != CaseStatus.OPEN) {
            throw new CaseConflictException("case " + caseNo + " is " + before.status() + " already",
                    Map.of("currentStage", before.stage().name(), "status", before.status().name()));
        }
        return before;
    }

    private ConnectionCase lockAndRead(String caseNo, String field) {
        if (!cases.lock(caseNo)) {
            throw new NotFoundException(field, "no case " + caseNo);
        }
        return read(caseNo);
    }

    /** The stages a case may move to from its latest stage record, from the records read with it. */
    private List<Stage> nextStages(CaseRepository.Row r, List<StageRecord> stages) {
        Stage current = stages.isEmpty() ? Stage.ACCEPTANCE : stages.get(stages.size() - 1).stage();
        return StageFlow.allowedNext(current, r.lowVoltage(), !Boolean.FALSE.equals(r.gridWorks()));
    }

    private static boolean dual(Importance importance) {
        return importance != null && importance != Importance.NORMAL;
    }

    /** Validates and converts an application: the site to EPSG:4490, the request to kVA, the voltage class. */
    CaseRepository.Row row(NewCase n) {
        if (n.requestedKw() == null && n.requestedKva() == null) {
            throw new InvalidFieldException("requestedKw", "give requestedKw (with powerFactor) or requestedKva");
        }
        SiteCrs crs;
        try {
            crs = SiteCrs.parse(n.site().crs());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("site.crs", e.getMessage());
        }
        double[] xy = ChinaOffsetCoordinates.toCgcs2000(crs, n.site().lon(), n.site().lat());
        if (!serviceArea.contains(xy[0], xy[1])) {
            throw new InvalidFieldException(xy[0] < serviceArea.minLon() || xy[0] > serviceArea.maxLon() ? "site.lon" : "site.lat",
                    String.format(Locale.ROOT, "site (%.6f, %.6f) is outside the service area %s", xy[0], xy[1], serviceArea));
        }
        double pf = n.powerFactor() == null ? defaultPowerFactor : n.powerFactor();
        double kva = n.requestedKva() != null ? n.requestedKva() : n.requestedKw() / pf;
        if (kva > maxRequestKva) {
            throw new InvalidFieldException(n.requestedKva() != null ? "requestedKva" : "requestedKw", String.format(
                    Locale.ROOT, "%.0f kVA is more than the %.0f kVA any request may ask (hub.siting.max-request-kva)",
                    kva, maxRequestKva));
        }
        double kw = n.requestedKw() != null ? n.requestedKw() : kva * pf;
        boolean lowVoltage = n.requestedVoltageKv() != null ? n.requestedVoltageKv() < 1 : kw <= lowVoltageMaxKw;
        return new CaseRepository.Row(n.caseNo(), n.customerNo(), n.customerName(), n.contactName(), n.contactPhone(),
                n.address(), xy[0], xy[1], n.site().lon(), n.site().lat(), crs.code(), n.requestedKw(),
                Math.round(kva * 10) / 10.0, pf, n.customerCategory(), n.industryClass(),
                n.importance() == null ? Importance.NORMAL : n.importance(), n.requestedVoltageKv(),
                n.channel() == null ? Channel.COUNTER : n.channel(), n.serviceUnit(), n.customerManager(),
                n.projectManager(), lowVoltage, n.gridWorks());
    }

    static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}

package io.gridhub.cases.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.gridhub.api.InvalidFieldException;
import io.gridhub.cases.Actor;
import io.gridhub.cases.AuditLog;
import io.gridhub.cases.CaseConflictException;
import io.gridhub.cases.CaseService;
import io.gridhub.cases.CasesProperties;
import io.gridhub.cases.ConnectionCase;
import io.gridhub.cases.NotFoundException;
import io.gridhub.cases.Stage;
import io.gridhub.cases.StageRecord;
import io.gridhub.cases.TimeLimits;
import io.gridhub.security.HubRole;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a case's follow-up visit task when it is powered on, lists the tasks for the dispatchers
 * and records the calls. Every change is audited; a recorded call is also told to the MIS through
 * the outbox, all in the change's transaction.
 */
@Service
public class FollowUpService {

    private final FollowUpRepository tasks;
    private final CaseService cases;
    private final TimeLimits limits;
    private final AuditLog audit;
    private final FollowUpMessages messages;
    private final ZoneId zone;
    private final int workingDays;
    private final int listSize;
    private final int noteMaxChars;
    private final Clock clock = Clock.systemUTC();

    FollowUpService(FollowUpRepository tasks, CaseService cases, TimeLimits limits, AuditLog audit,
                    FollowUpMessages messages, CasesProperties properties,
                    @Value("${hub.cases.follow-up-working-days:5}") int workingDays,
                    @Value("${hub.cases.follow-up-list-size:200}") int listSize,
                    @Value("${hub.cases.follow-up-note-max-chars:1000}") int noteMaxChars) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("hub.cases.follow-up-working-days must be 0 or more, was " + workingDays);
        }
        this.tasks = tasks;
        this.cases = cases;
        this.limits = limits;
        this.audit = audit;
        this.messages = messages;
        this.zone = properties.zone();
        this.workingDays = workingDays;
        this.listSize = listSize;
        this.noteMaxChars = noteMaxChars;
    }

    /**
     * Makes the case's task in the caller's transaction (the stage move's), unless it has one: due
     * {@code hub.cases.follow-up-working-days} working days after power-on on the official calendar.
     * A case archived without a power-on stage counts from its archiving.
     *
     * @return the task made, or null when the case had one already
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public FollowUp open(String caseNo, Actor actor) {
        ConnectionCase c = cases.read(caseNo);
        OffsetDateTime poweredOn = poweredOnAt(c);
        LocalDate due = limits.calendar().plusWorkingDays(poweredOn.atZoneSameInstant(zone).toLocalDate(), workingDays);
        OffsetDateTime dueAt = due.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        return tasks.insertIfAbsent(new FollowUpRepository.NewTask(c.caseNo(), c.customerNo(), c.customerName(),
                        c.contactName(), c.contactPhone(), c.serviceUnit(), poweredOn, due, dueAt))
                .map(id -> {
                    FollowUp created = tasks.find(id).orElseThrow();
                    audit.record(actor, caseNo, "FOLLOW_UP", String.valueOf(id), "FOLLOW_UP_CREATED", null, created);
                    return created;
                }).orElse(null);
    }

    /** GET /api/dispatch/follow-ups: overdue first, then by due date; {@code status} blank: every status. */
    public List<FollowUp> list(String status, Actor actor) {
        checkDispatcher(actor);
        FollowUpStatus s = status == null || status.isBlank() ? null : parseStatus("status", status);
        return tasks.list(s, listSize);
    }

    /** Records the call: 400 naming the field for bad input, 404 for no such task, 409 when already closed. */
    @Transactional
    public FollowUp record(long id, FollowUpOutcome outcome, Actor actor) {
        checkDispatcher(actor);
        if (outcome == null || outcome.status() == null || outcome.status().isBlank()) {
            throw new InvalidFieldException("status", "give DONE (the customer was reached) or UNREACHABLE");
        }
        FollowUpStatus status = parseStatus("status", outcome.status());
        if (!status.closed()) {
            throw new InvalidFieldException("status", "a call is recorded as DONE or UNREACHABLE, not " + status);
        }
        boolean asked = outcome.satisfaction() != null && !outcome.satisfaction().isBlank();
        if (status == FollowUpStatus.DONE && !asked) {
            throw new InvalidFieldException("satisfaction", "required when the customer was reached: 满意 / 基本满意 / 不满意");
        }
        if (status == FollowUpStatus.UNREACHABLE && asked) {
            throw new InvalidFieldException("satisfaction", "an unreachable customer cannot have answered");
        }
        Satisfaction satisfaction = asked ? Satisfaction.parse(outcome.satisfaction()) : null;
        String note = outcome.note() == null || outcome.note().isBlank() ? null : outcome.note().strip();
        if (note != null && note.length() > noteMaxChars) {
            throw new InvalidFieldException("note", "at most " + noteMaxChars + " characters, was " + note.length()
                    + " (hub.cases.follow-up-note-max-chars)");
        }
        if (!tasks.lock(id)) {
            throw new NotFoundException("id", "no follow-up visit " + id);
        }
        FollowUp before = tasks.find(id).orElseThrow();
        if (before.status().closed()) {
            throw new CaseConflictException(String.format(Locale.ROOT, "follow-up visit %d of case %s was recorded %s by %s",
                    id, before.caseNo(), before.status(), before.recordedBy()),
                    Map.of("currentStatus", before.status().name(), "caseNo", before.caseNo()));
        }
        tasks.record(id, status, satisfaction, note, actor.name(), OffsetDateTime.now(clock));
        FollowUp after = tasks.find(id).orElseThrow();
        long auditId = audit.record(actor, after.caseNo(), "FOLLOW_UP", String.valueOf(id), "FOLLOW_UP_" + status,
                before, after);
        messages.append(auditId, after, actor);
        return after;
    }

    private static OffsetDateTime poweredOnAt(ConnectionCase c) {
        StageRecord last = null;
        for (StageRecord s : c.stages()) {
            if (s.stage() == Stage.POWER_ON) {
                return s.startedAt();
            }
            last = s;
        }
        return last == null ? c.updatedAt() : last.startedAt();
    }

    private static FollowUpStatus parseStatus(String field, String text) {
        try {
            return FollowUpStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "unknown status '" + text + "'; expected one of "
                    + java.util.Arrays.toString(FollowUpStatus.values()));
        }
    }

    private static void checkDispatcher(Actor actor) {
        if (!(actor.system() || actor.has(HubRole.ADMIN) || actor.has(HubRole.DISPATCHER))) {
            throw new AccessDeniedException(actor.name() + " may not work the follow-up visits");
        }
    }
}

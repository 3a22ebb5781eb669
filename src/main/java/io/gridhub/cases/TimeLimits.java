package io.gridhub.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.springframework.stereotype.Component;

/**
 * Time limits of the stages (环节时限) in working days, from configuration (defaults from the State
 * Grid service-time KPI): when a stage is due, and how far into its limit a case is.
 */
@Component
public class TimeLimits {

    /**
     * The limit a stage gets when entered.
     *
     * @param workingDays working days allowed from the stage's start, null when none
     * @param dueAt end of the last working day allowed, null when no limit
     */
    record Limit(Integer workingDays, OffsetDateTime dueAt) {}

    private final CasesProperties p;
    private final WorkingDayCalendar calendar;

    @org.springframework.beans.factory.annotation.Autowired
    TimeLimits(CasesProperties properties) {
        this(properties, CalendarFiles.load(properties.calendarFiles()));
    }

    TimeLimits(CasesProperties properties, WorkingDayCalendar calendar) {
        this.p = properties;
        this.calendar = calendar;
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    ZoneId zone() {
        return p.zone();
    }

    /**
     * The limit of {@code stage} entered at {@code start} by a case accepted at {@code accepted}.
     * The plan reply counts from acceptance (15 working days single supply, 30 dual, by default);
     * a low-voltage case must also reach power-on within its end-to-end limit from acceptance.
     */
    Limit limitFor(Stage stage, OffsetDateTime start, OffsetDateTime accepted, boolean lowVoltage, boolean dualSupply) {
        LocalDate startDay = start.atZoneSameInstant(p.zone()).toLocalDate();
        LocalDate acceptedDay = accepted.atZoneSameInstant(p.zone()).toLocalDate();
        Integer days = p.stageLimitsWorkingDays().get(stage);
        LocalDate due = null;
        if (stage == Stage.PLAN_REPLY && dualSupply && p.planReplyDualSupplyWorkingDays() > 0) {
            days = p.planReplyDualSupplyWorkingDays();
        }
        if (days != null) {
            LocalDate from = stage == Stage.PLAN_REPLY && p.planReplyFromAcceptance() ? acceptedDay : startDay;
            due = calendar.plusWorkingDays(from, days);
        }
        if (lowVoltage && p.lowVoltageEndToEndWorkingDays() > 0 && stage != Stage.ARCHIVE) {
            LocalDate endToEnd = calendar.plusWorkingDays(acceptedDay, p.lowVoltageEndToEndWorkingDays());
            if (due == null || endToEnd.isBefore(due)) {
                due = endToEnd;
            }
        }
        if (due == null) {
            return new Limit(null, null);
        }
        if (due.isBefore(startDay)) {
            due = startDay;
        }
        int allowed = Math.max(1, calendar.workingDaysBetween(startDay, due));
        return new Limit(allowed, endOfDay(due));
    }

    /** The flag of a stage with this limit at {@code now}. */
    TimeFlag flag(OffsetDateTime start, Integer limitWorkingDays, OffsetDateTime dueAt, OffsetDateTime now) {
        Double share = elapsedShare(start, limitWorkingDays, dueAt, now);
        if (share == null) {
            return TimeFlag.NONE;
        }
        if (now.isAfter(dueAt)) {
            return TimeFlag.OVERDUE;
        }
        return share >= p.warningThreshold() ? TimeFlag.WARNING : TimeFlag.NONE;
    }

    /** Working days passed since the start ÷ the limit; null without a limit. */
    Double elapsedShare(OffsetDateTime start, Integer limitWorkingDays, OffsetDateTime dueAt, OffsetDateTime now) {
        if (limitWorkingDays == null || dueAt == null) {
            return null;
        }
        int used = calendar.workingDaysBetween(start.atZoneSameInstant(p.zone()).toLocalDate(),
                now.atZoneSameInstant(p.zone()).toLocalDate());
        return (double) used / limitWorkingDays;
    }

    private OffsetDateTime endOfDay(LocalDate d) {
        return d.plusDays(1).atStartOfDay(p.zone()).toOffsetDateTime();
    }
}

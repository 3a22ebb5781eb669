package io.gridhub.cases;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Year;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * One pass of the time-limit job: flags every open stage that passed its warning threshold or its
 * limit, and tells the MIS of each flag that changed (one transaction per case, so one bad case does
 * not hold back the others). Then announces {@link TimeLimitsChecked} for other daily duties (plan
 * expiry).
 */
@Component
public class TimeLimitCheck {

    /** What one pass did. */
    public record Result(int checked, int flagged) {}

    /** Published after each pass, outside any transaction. */
    public record TimeLimitsChecked(OffsetDateTime at) {}

    private static final Logger log = LoggerFactory.getLogger(TimeLimitCheck.class);

    private final CaseService cases;
    private final TimeLimits limits;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    TimeLimitCheck(CaseService cases, TimeLimits limits, ApplicationEventPublisher events) {
        this.cases = cases;
        this.limits = limits;
        this.events = events;
    }

    public Result run() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int year = Year.now(limits.zone()).getValue();
        if (!limits.calendar().knows(year) || !limits.calendar().knows(year + 1)) {
            log.warn("no working-day calendar file for {} or {}: weekdays are counted as working days there "
                    + "(add config/calendar/<year>.yml, see docs/cases.md)", year, year + 1);
        }
        int checked = 0;
        int flagged = 0;
        for (CaseRepository.SummaryRow r : cases.openLimited()) {
            checked++;
            TimeFlag flag = limits.flag(r.startedAt(), r.limitWorkingDays(), r.dueAt(), now);
            if (flag != r.flag() && cases.flagTimeLimit(r.caseNo(), flag, Actor.hub())) {
                flagged++;
            }
        }
        events.publishEvent(new TimeLimitsChecked(now));
        if (flagged > 0) {
            log.info("time limits: {} open stages checked, {} flags changed", checked, flagged);
        }
        return new Result(checked, flagged);
    }
}

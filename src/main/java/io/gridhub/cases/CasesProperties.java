package io.gridhub.cases;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys {@code hub.cases.*}: time limits, the calendar, warnings, lists.
 *
 * @param calendarFiles where the per-year working-day calendars are read from (later patterns win)
 * @param zone the utility's time zone: a working day ends at midnight there
 * @param stageLimitsWorkingDays time limit of each stage in working days (no key: no limit)
 * @param planReplyDualSupplyWorkingDays the supply plan reply limit for cases needing dual supply
 * @param planReplyFromAcceptance whether the plan reply limit counts from acceptance (State Grid KPI) rather than from the stage's start
 * @param lowVoltageEndToEndWorkingDays low-voltage cases: acceptance to power-on at most this many working days
 * @param warningThreshold share of a limit after which a stage is flagged WARNING
 * @param timeLimitCron when the time-limit job runs (Quartz cron, once per cluster)
 * @param pageSize cases per page of GET /api/cases
 */
@ConfigurationProperties("hub.cases")
public record CasesProperties(
        List<String> calendarFiles,
        ZoneId zone,
        Map<Stage, Integer> stageLimitsWorkingDays,
        int planReplyDualSupplyWorkingDays,
        boolean planReplyFromAcceptance,
        int lowVoltageEndToEndWorkingDays,
        double warningThreshold,
        String timeLimitCron,
        int pageSize) {

    public CasesProperties {
        calendarFiles = calendarFiles == null ? List.of("classpath*:calendar/*.yml") : List.copyOf(calendarFiles);
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        stageLimitsWorkingDays = stageLimitsWorkingDays == null ? Map.of()
                : Map.copyOf(stageLimitsWorkingDays);
        warningThreshold = warningThreshold <= 0 ? 0.8 : warningThreshold;
        pageSize = pageSize <= 0 ? 50 : pageSize;
    }
}

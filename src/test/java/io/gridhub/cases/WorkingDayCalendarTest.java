package io.gridhub.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped 2026 calendar (State Council notice of 2025-11-04) and the limits counted on it. */
class WorkingDayCalendarTest {

    private final WorkingDayCalendar calendar = CalendarFiles.load(List.of("classpath*:calendar/*.yml"));

    @Test
    void officialDaysOffAndAdjustedWorkingWeekendsOf2026() {
        assertThat(calendar.knows(2026)).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).as("Saturday 调休上班").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).as("Monday of 春节").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 15))).as("Sunday of 春节").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).as("Saturday 调休上班").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 8))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 5))).as("an ordinary Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 4))).as("Sunday 调休上班").isTrue();
    }

    @Test
    void workingDaysAreCountedAcrossTheSpringFestivalAndNationalDay() {
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 2, 13), 1)).isEqualTo(LocalDate.of(2026, 2, 14));
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 2, 14), 1)).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 9, 30), 1)).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 10))).isEqualTo(3);
    }

    @Test
    void aYearWithoutAFileCountsWeekdays() {
        assertThat(calendar.knows(2031)).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 1, 1))).as("a Wednesday, no holiday known").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 1, 4))).as("a Saturday").isFalse();
    }

    @Test
    void thePlanReplyIsDueFifteenWorkingDaysAfterAcceptanceAndWarnsAtEightyPercent() {
        CasesProperties p = new CasesProperties(null, ZoneId.of("Asia/Shanghai"),
                Map.of(Stage.PLAN_REPLY, 15, Stage.SITE_SURVEY, 5), 30, true, 15, 0.8, null, 0);
        TimeLimits limits = new TimeLimits(p, calendar);
        OffsetDateTime accepted = OffsetDateTime.parse("2026-12-01T09:00:00+08:00");
        OffsetDateTime planStage = OffsetDateTime.parse("2026-12-03T10:00:00+08:00");
        TimeLimits.Limit single = limits.limitFor(Stage.PLAN_REPLY, planStage, accepted, false, false);
        // 15 working days after Tuesday 1 December: 2–4, 7–11, 14–18, 21, 22 December
        assertThat(single.dueAt()).isEqualTo(OffsetDateTime.parse("2026-12-23T00:00:00+08:00"));
        assertThat(single.workingDays()).isEqualTo(13);
        TimeLimits.Limit dual = limits.limitFor(Stage.PLAN_REPLY, planStage, accepted, false, true);
        assertThat(dual.dueAt()).isAfter(single.dueAt());

        TimeLimits.Limit survey = limits.limitFor(Stage.SITE_SURVEY, accepted, accepted, false, false);
        assertThat(survey.workingDays()).isEqualTo(5);
        assertThat(limits.flag(accepted, 5, survey.dueAt(), OffsetDateTime.parse("2026-12-04T12:00:00+08:00")))
                .as("3 of 5 days").isEqualTo(TimeFlag.NONE);
        assertThat(limits.flag(accepted, 5, survey.dueAt(), OffsetDateTime.parse("2026-12-07T12:00:00+08:00")))
                .as("4 of 5 days = 80 %").isEqualTo(TimeFlag.WARNING);
        assertThat(limits.flag(accepted, 5, survey.dueAt(), OffsetDateTime.parse("2026-12-09T00:00:01+08:00")))
                .as("past the end of the 5th working day").isEqualTo(TimeFlag.OVERDUE);
    }

    @Test
    void lowVoltageCasesMustReachPowerOnWithinTheirEndToEndLimit() {
        CasesProperties p = new CasesProperties(null, ZoneId.of("Asia/Shanghai"),
                Map.of(Stage.POWER_ON, 5), 30, true, 15, 0.8, null, 0);
        TimeLimits limits = new TimeLimits(p, calendar);
        OffsetDateTime accepted = OffsetDateTime.parse("2026-12-01T09:00:00+08:00");
        TimeLimits.Limit powerOn = limits.limitFor(Stage.POWER_ON, OffsetDateTime.parse("2026-12-21T09:00:00+08:00"),
                accepted, true, false);
        assertThat(powerOn.dueAt()).as("end to end, sooner than 5 days after 21 December")
                .isEqualTo(OffsetDateTime.parse("2026-12-23T00:00:00+08:00"));
    }

    @Test
    void stagePathsSkipHighVoltageStagesForLowVoltageAndAllowTheOneVisitFastPath() {
        assertThat(StageFlow.path(false)).containsExactly(Stage.values());
        assertThat(StageFlow.path(true)).containsExactly(Stage.ACCEPTANCE, Stage.SITE_SURVEY, Stage.PLAN_REPLY,
                Stage.POWER_ON, Stage.ARCHIVE);
        assertThat(StageFlow.allowedNext(Stage.SITE_SURVEY, true, false)).containsExactly(Stage.PLAN_REPLY, Stage.POWER_ON);
        assertThat(StageFlow.allowedNext(Stage.SITE_SURVEY, true, true)).containsExactly(Stage.PLAN_REPLY);
        assertThat(StageFlow.allowedNext(Stage.SITE_SURVEY, false, false)).containsExactly(Stage.PLAN_REPLY);
        assertThat(StageFlow.allowedNext(Stage.PLAN_REPLY, false, true)).containsExactly(Stage.DESIGN_REVIEW);
        assertThat(StageFlow.allowedNext(Stage.ARCHIVE, false, true)).isEmpty();
    }
}

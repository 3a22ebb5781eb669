package io.gridhub.cases;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * Working days (工作日) on the official holiday calendar: a day is a working day when it is a
 * weekday that is not an official day off, or a weekend day listed as an adjusted working day
 * (调休上班). Years without a calendar file count weekdays only (and the time-limit job logs it).
 */
public final class WorkingDayCalendar {

    /** One year's official days off and adjusted working weekends. */
    public record Year(int year, Set<LocalDate> daysOff, Set<LocalDate> workingWeekends) {}

    private final Map<Integer, Year> years;

    public WorkingDayCalendar(Map<Integer, Year> years) {
        this.years = Map.copyOf(years);
    }

    public boolean knows(int year) {
        return years.containsKey(year);
    }

    public boolean isWorkingDay(LocalDate d) {
        Year y = years.get(d.getYear());
        if (y != null) {
            if (y.daysOff().contains(d)) {
                return false;
            }
            if (y.workingWeekends().contains(d)) {
                return true;
            }
        }
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The {@code n}-th working day after {@code start} (start itself not counted); n = 0 gives start. */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        LocalDate d = start;
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Working days in (from, to]: how many have passed since {@code from}; 0 when to ≤ from. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }
}

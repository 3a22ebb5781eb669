package io.gridhub.cases;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the working-day calendar, one YAML file per year (see {@code calendar/2026.yml}): the
 * shipped files on the class path, then the files of the configured folder, which win for the
 * same year.
 */
final class CalendarFiles {

    private CalendarFiles() {
    }

    static WorkingDayCalendar load(List<String> patterns) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Map<Integer, WorkingDayCalendar.Year> years = new HashMap<>();
        for (String pattern : patterns) {
            Resource[] files;
            try {
                files = resolver.getResources(pattern);
            } catch (IOException e) {
                continue; // a configured folder that does not exist: nothing to add
            }
            for (Resource r : files) {
                WorkingDayCalendar.Year y = read(r);
                years.put(y.year(), y);
            }
        }
        return new WorkingDayCalendar(years);
    }

    static WorkingDayCalendar.Year read(Resource r) {
        try (InputStream in = r.getInputStream()) {
            Map<String, Object> doc = new Yaml().load(in);
            int year = ((Number) doc.get("year")).intValue();
            Set<LocalDate> off = dates(doc.get("days-off"), year, r);
            Set<LocalDate> working = dates(doc.get("working-weekends"), year, r);
            return new WorkingDayCalendar.Year(year, off, working);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("calendar file " + r.getDescription() + ": " + e.getMessage(), e);
        }
    }

    private static Set<LocalDate> dates(Object list, int year, Resource r) {
        Set<LocalDate> out = new HashSet<>();
        if (list == null) {
            return out;
        }
        for (Object o : (List<?>) list) {
            String text = o instanceof Date d ? d.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString()
                    : String.valueOf(o).trim();
            String[] ends = text.split("\\.\\.");
            LocalDate from = LocalDate.parse(ends[0].trim());
            LocalDate to = ends.length > 1 ? LocalDate.parse(ends[1].trim()) : from;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (d.getYear() != year) {
                    throw new IllegalArgumentException(d + " is not in " + year + " (" + r.getDescription() + ")");
                }
                out.add(d);
            }
        }
        return out;
    }
}

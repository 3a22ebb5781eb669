package io.gridhub.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of what the hub did with each hostile input, by input family and outcome, written to
 * {@code target/hostile-outcomes.md} for docs/reliability.md.
 */
final class Outcomes {

    /** What became of one input: every one must end in one of these, with a reason where refused. */
    enum Outcome {
        /** read and accepted: every record valid */
        ACCEPTED,
        /** read; some records quarantined with a reason */
        QUARANTINED,
        /** refused as a whole with a reason (the run fails, the file goes to error/, a 4xx, a FAILED reply) */
        REFUSED
    }

    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    private Outcomes() {
    }

    static void count(String family, Outcome outcome) {
        COUNTS.computeIfAbsent(family + "\t" + outcome, k -> new AtomicLong()).incrementAndGet();
    }

    static long total() {
        return COUNTS.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Appends this run's counts (one table per test class) to target/hostile-outcomes.md. */
    static synchronized void write(String title) {
        Map<String, Map<Outcome, Long>> byFamily = new TreeMap<>();
        COUNTS.forEach((k, v) -> {
            String[] p = k.split("\t");
            byFamily.computeIfAbsent(p[0], f -> new TreeMap<>()).put(Outcome.valueOf(p[1]), v.get());
        });
        StringBuilder md = new StringBuilder("\n### " + title + "\n\n| input family | accepted | quarantined | refused | total |\n|---|---:|---:|---:|---:|\n");
        long all = 0;
        for (Map.Entry<String, Map<Outcome, Long>> e : byFamily.entrySet()) {
            long a = e.getValue().getOrDefault(Outcome.ACCEPTED, 0L);
            long q = e.getValue().getOrDefault(Outcome.QUARANTINED, 0L);
            long r = e.getValue().getOrDefault(Outcome.REFUSED, 0L);
            all += a + q + r;
            md.append("| ").append(e.getKey()).append(" | ").append(a).append(" | ").append(q).append(" | ").append(r)
                    .append(" | ").append(a + q + r).append(" |\n");
        }
        md.append("| **all** | | | | **").append(all).append("** |\n");
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "hostile-outcomes.md"), md, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        COUNTS.clear();
    }
}

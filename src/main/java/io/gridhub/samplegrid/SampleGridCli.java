package io.gridhub.samplegrid;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Command line: {@code SampleGridCli --out DIR [--seed N] [--preset sample | --assets N | --transformers N | --substations N]}.
 * Prints the counts per file and the time taken.
 */
public final class SampleGridCli {

    private static final String USAGE = "usage: SampleGridCli --out DIR [--seed N] "
            + "[--preset sample | --assets N | --transformers N | --substations N]";

    private SampleGridCli() {
    }

    public static void main(String[] args) {
        Path out = null;
        long seed = SampleGridSpec.DEFAULT_SEED;
        String size = "preset";
        String sizeValue = "sample";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                fail("missing value after " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--out" -> out = Path.of(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--preset", "--assets", "--transformers", "--substations" -> {
                    size = arg.substring(2);
                    sizeValue = value;
                }
                default -> fail("unknown option " + arg);
            }
        }
        if (out == null) {
            fail("--out is required");
        }
        SampleGridSpec spec = switch (size) {
            case "preset" -> {
                if (!"sample".equals(sizeValue)) {
                    fail("unknown preset " + sizeValue + " (known: sample)");
                }
                yield SampleGridSpec.sample(seed);
            }
            case "assets" -> SampleGridSpec.forAssets(seed, Long.parseLong(sizeValue));
            case "transformers" -> SampleGridSpec.forTransformers(seed, Long.parseLong(sizeValue));
            default -> SampleGridSpec.forSubstations(seed, Integer.parseInt(sizeValue));
        };
        long started = System.nanoTime();
        SampleGridGenerator.Result result = SampleGridGenerator.generate(spec, out);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "generated %s grid (seed %d) into %s%n", spec.preset(), seed, out);
        System.out.printf(Locale.ROOT, "  %d substations, %d feeders, %d distribution transformers, %d assets%n",
                result.substations(), result.feeders(), result.transformers(), result.assets());
        for (Map.Entry<String, Long> e : result.counts().entrySet()) {
            System.out.printf(Locale.ROOT, "  %-36s %,12d%n", e.getKey(), e.getValue());
        }
        System.out.printf(Locale.ROOT, "  time %.1f s%n", seconds);
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.println(USAGE);
        System.exit(2);
    }
}

package io.gridhub.samplegrid;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SplitMix64 random numbers whose sequence is fixed by this source file alone, not by the JDK.
 *
 * <p>Every generated entity draws from its own stream, derived from the grid seed and the entity's
 * id, so output does not depend on how many numbers an earlier entity happened to consume, and the
 * transcendental functions are {@link StrictMath} so results are bit-identical on every platform.
 */
final class SeededRandom {

    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    /** A stream for one entity: the same (seed, key) always gives the same numbers. */
    static SeededRandom forKey(long seed, String key) {
        return new SeededRandom(mix(seed ^ mix(fnv1a64(key))));
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    double uniform(double min, double max) {
        return min + (max - min) * nextDouble();
    }

    /** Uniform integer in [min, maxInclusive]. */
    int between(int min, int maxInclusive) {
        return min + (int) Long.remainderUnsigned(nextLong(), maxInclusive - min + 1L);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Standard normal, Box–Muller without caching the second value (keeps streams simple). */
    double gaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    <T> T pick(List<T> items) {
        return items.get(between(0, items.size() - 1));
    }

    /** Index chosen with probability proportional to its weight. */
    int weightedIndex(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a64(String key) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}

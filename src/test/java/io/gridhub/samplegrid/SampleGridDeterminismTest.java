package io.gridhub.samplegrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed must give the same bytes, file for file: the committed sample and benchmarks rely on it. */
class SampleGridDeterminismTest {

    @TempDir
    Path temp;

    @Test
    void sameSeedGivesByteIdenticalFiles() {
        SampleGridGenerator.generate(SampleGridSpec.forSubstations(42, 4), temp.resolve("a"));
        SampleGridGenerator.generate(SampleGridSpec.forSubstations(42, 4), temp.resolve("b"));

        Map<String, String> a = hashes(temp.resolve("a"));
        assertThat(a).hasSize(10).containsKeys("loads.csv", "manifest.json", "feeder.geojsonl");
        assertThat(hashes(temp.resolve("b"))).isEqualTo(a);
    }

    @Test
    void differentSeedGivesDifferentGrid() {
        SampleGridGenerator.generate(SampleGridSpec.forSubstations(42, 4), temp.resolve("a"));
        SampleGridGenerator.generate(SampleGridSpec.forSubstations(43, 4), temp.resolve("b"));

        Map<String, String> a = hashes(temp.resolve("a"));
        Map<String, String> b = hashes(temp.resolve("b"));
        for (String file : new String[] {"substation.geojsonl", "feeder.geojsonl", "distribution_transformer.geojsonl",
            "loads.csv", "manifest.json"}) {
            assertThat(b.get(file)).as(file).isNotEqualTo(a.get(file));
        }
    }

    @Test
    void samplePresetIsAFewThousandAssets() {
        SampleGridGenerator.Result result = SampleGridGenerator.generate(SampleGridSpec.sample(SampleGridSpec.DEFAULT_SEED),
                temp.resolve("sample"));

        assertThat(result.assets()).isBetween(3_000L, 6_000L);
        assertThat(result.substations()).isEqualTo(9);
    }

    private static Map<String, String> hashes(Path folder) {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                hashes.put(file.getFileName().toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return hashes;
    }
}

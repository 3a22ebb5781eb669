package io.gridhub.samplegrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100,000-asset grid through the command line in a JVM with a 64 MB heap: only a generator that
 * writes substation by substation fits (the assets alone, held as JTS objects, would not).
 */
class SampleGridStreamingTest {

    @TempDir
    Path temp;

    @Test
    void hundredThousandAssetsFitIn64MegabytesOfHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                SampleGridCli.class.getName(), "--out", temp.toString(), "--assets", "100000"))
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("cli.log").toFile())
                .start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String log = Files.readString(temp.resolve("cli.log"));
        assertThat(finished).as(log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("assets");
        String manifest = Files.readString(temp.resolve("manifest.json"));
        long assets = Long.parseLong(manifest.replaceAll("(?s).*\"assets_total\": (\\d+).*", "$1"));
        assertThat(assets).isBetween(100_000L, 110_000L);
        assertThat(new File(temp.toFile(), "pole.geojsonl").length()).isPositive();
    }
}

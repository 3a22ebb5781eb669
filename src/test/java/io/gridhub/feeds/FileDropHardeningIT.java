package io.gridhub.feeds;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.gridhub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 items 8 and 13: what a hostile file in an inbox can do. A symbolic link is refused, not
 * followed; a zip bomb, an archive of too many entries and an endless line fail the file with the
 * reason; a deeply nested WKT is quarantined (it overflowed the stack); NUL and other control
 * characters are removed instead of failing the COPY. Test caps (feeds/test-feeds.yml): lines of
 * 1 MiB, 50 zip entries.
 */
@HubIntegrationTest
class FileDropHardeningIT {

    static final String FEED = "test-hostile-drop";

    @Autowired
    FeedRunService service;
    @Autowired
    FeedRunRepository runs;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dir;

    FeedRun run(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return service.runFiles(FEED, List.of(file));
    }

    /** A zip of CSV entries, each a header and then {@code zeroBytesEach} line feeds (they compress 1000:1). */
    static byte[] zip(int entries, int zeroBytesEach) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] zeros = new byte[1 << 16];
            java.util.Arrays.fill(zeros, (byte) '\n'); // blank lines: the CSV reader skips them, the cap must not
            for (int i = 0; i < entries; i++) {
                zip.putNextEntry(new ZipEntry("pole-" + i + ".csv"));
                zip.write("source_id,feeder_ref,wkt\n".getBytes(StandardCharsets.UTF_8));
                for (int left = zeroBytesEach; left > 0; left -= zeros.length) {
                    zip.write(zeros, 0, Math.min(left, zeros.length));
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aSymbolicLinkIsRefusedNotFollowed() throws Exception {
        Path secret = dir.resolve("secret.csv");
        Files.writeString(secret, "source_id,feeder_ref,wkt\nTOP-SECRET,FDR-A1,POINT (109.96 39.81)\n");
        Path link = Files.createSymbolicLink(dir.resolve("pole.csv"), secret);
        FeedRun run = service.runFiles(FEED, List.of(link));
        assertThat(run.status()).isEqualTo(FeedRun.FAILED);
        assertThat(run.error()).contains("symbolic link");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM feeds.quarantine WHERE raw LIKE '%TOP-SECRET%'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid.pole WHERE source_id = 'TOP-SECRET'", Long.class)).isZero();
    }

    @Test
    void zipBombsAndCrowdedArchivesAreRefused() throws Exception {
        FeedRun bomb = run("bomb.zip", zip(1, 64 << 20)); // 64 MiB of zeros in about 64 KiB
        assertThat(bomb.status()).isEqualTo(FeedRun.FAILED);
        assertThat(bomb.error()).contains("zip bomb");

        FeedRun crowded = run("crowded.zip", zip(51, 0));
        assertThat(crowded.status()).isEqualTo(FeedRun.FAILED);
        assertThat(crowded.error()).contains("51 entries").contains("max-zip-entries");
    }

    @Test
    void anEndlessLineFailsTheFileInsteadOfTakingTheMemory() throws Exception {
        byte[] longLine = ("{\"type\":\"Feature\",\"properties\":{\"source_id\":\"" + "x".repeat(2 << 20) + "\"}}\n")
                .getBytes(StandardCharsets.UTF_8);
        FeedRun seq = run("pole.geojsonl", longLine);
        assertThat(seq.status()).isEqualTo(FeedRun.FAILED);
        assertThat(seq.error()).contains("line 1 is longer than 1048576 bytes");

        byte[] unterminated = ("source_id,feeder_ref,wkt\n\"" + "y".repeat(2 << 20)).getBytes(StandardCharsets.UTF_8);
        FeedRun csv = run("pole.csv", unterminated);
        assertThat(csv.status()).isEqualTo(FeedRun.FAILED);
        assertThat(csv.error()).contains("longer than 1048576 characters");
    }

    @Test
    void aDeeplyNestedWktIsQuarantinedAndTheRunGoesOn() throws Exception {
        String deep = "GEOMETRYCOLLECTION (".repeat(20_000) + "POINT (109.96 39.81)" + ")".repeat(20_000);
        String csv = "source_id,feeder_ref,wkt\nDEEP-1,FDR-A1,\"" + deep + "\"\nDEEP-OK,FDR-A1,POINT (109.961 39.811)\n";
        FeedRun run = run("pole.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(run.status()).as(run.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(run.quarantined()).isEqualTo(1);
        assertThat(run.inserted()).isEqualTo(1);
        assertThat(runs.quarantined(run.id(), 10, 0)).filteredOn(q -> q.disposition().equals("QUARANTINED")).singleElement()
                .satisfies(q -> assertThat(q.reason()).contains("nested deeper than 8 levels"));
    }

    @Test
    void controlCharactersAreRemovedInsteadOfFailingTheCopy() throws Exception {
        String csv = "source_id,name,feeder_ref,note,wkt\n"
                + "CTL-1,东\u0000胜\u0001 01,FDR-A1,a\u0000b,POINT (109.962 39.812)\n"
                + "CTL-2,正常,FDR-A1,\u0007bell,POINT (109.963 39.813)\n"
                + "CTL-3\u0000,坏,FDR-A1,x,POINT (116.39 39.9)\n"; // outside the area: quarantined with its NUL
        FeedRun run = run("pole.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(run.status()).as(run.error()).isEqualTo(FeedRun.SUCCEEDED);
        assertThat(run.inserted()).isEqualTo(2);
        assertThat(run.quarantined()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT name || '|' || (attributes ->> 'note') FROM grid.pole"
                + " WHERE feed_id = ? AND source_id = 'CTL-1'", String.class, FEED)).isEqualTo("东胜 01|ab");
        assertThat(jdbc.queryForObject("SELECT attributes ->> 'note' FROM grid.pole WHERE feed_id = ? AND source_id = 'CTL-2'",
                String.class, FEED)).isEqualTo("bell");
        assertThat(runs.quarantined(run.id(), 10, 0)).filteredOn(q -> q.disposition().equals("QUARANTINED")).singleElement()
                .satisfies(q -> assertThat(q.sourceId()).isEqualTo("CTL-3"));
    }
}

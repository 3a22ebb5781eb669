package io.gridhub.samplegrid;

import io.gridhub.samplegrid.SampleAssets.MonthlyPeak;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output folder: one GeoJSONSeq file per asset type plus the load CSV, written as records
 * arrive and counted for the manifest.
 */
final class GridFiles implements AutoCloseable {

    /** File names in manifest order; the name before ".geojsonl" is the grid store table. */
    static final String[] GEOJSONL = {"substation.geojsonl", "main_transformer.geojsonl", "busbar.geojsonl",
        "feeder.geojsonl", "feeder_section.geojsonl", "pole.geojsonl", "ring_main_unit.geojsonl",
        "distribution_transformer.geojsonl"};
    static final String LOADS = "loads.csv";
    static final String LOADS_HEADER = "SBBM,SBLX,TJYF,ZDFH_KW,GLYS,CJSJ\n";

    private final Map<String, Writer> writers = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final StringBuilder row = new StringBuilder(128);

    GridFiles(Path folder) {
        try {
            Files.createDirectories(folder);
            for (String name : GEOJSONL) {
                open(folder, name);
            }
            open(folder, LOADS);
            writers.get(LOADS).write(LOADS_HEADER);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private void open(Path folder, String name) throws IOException {
        writers.put(name, new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(folder.resolve(name)), StandardCharsets.UTF_8), 1 << 16));
        counts.put(name, 0L);
    }

    /** Writes one feature line to the file of its asset type. */
    void feature(String file, String line) {
        append(file, line);
    }

    void loadRow(MonthlyPeak peak) {
        row.setLength(0);
        row.append(peak.assetRef()).append(',').append(peak.assetType().name()).append(',')
                .append(peak.month()).append(',');
        FixedDecimal.append(row, peak.peakKw(), 1).append(',');
        if (peak.powerFactor() != null) {
            FixedDecimal.append(row, peak.powerFactor(), 2);
        }
        // yyyy-MM-ddTHH:mm:ss+08:00, seconds always printed (OffsetDateTime.toString drops zero seconds)
        row.append(',').append(peak.measuredAt().toLocalDate()).append('T');
        two(peak.measuredAt().getHour()).append(':');
        two(peak.measuredAt().getMinute()).append(':');
        two(peak.measuredAt().getSecond()).append(peak.measuredAt().getOffset().getId()).append('\n');
        append(LOADS, row.toString());
    }

    private StringBuilder two(int value) {
        return row.append(value < 10 ? "0" : "").append(value);
    }

    private void append(String file, String text) {
        try {
            writers.get(file).write(text);
            counts.merge(file, 1L, Long::sum);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records per file so far (load rows for loads.csv, header excluded), in file order. */
    Map<String, Long> counts() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    @Override
    public void close() {
        IOException failure = null;
        for (Writer writer : writers.values()) {
            try {
                writer.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }
}

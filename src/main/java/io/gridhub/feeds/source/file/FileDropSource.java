package io.gridhub.feeds.source.file;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedKind;
import io.gridhub.feeds.source.GeoJsonFeatures;
import io.gridhub.feeds.source.RecordSink;
import io.gridhub.feeds.source.SourceException;
import io.gridhub.feeds.source.SourceRecord;
import io.gridhub.grid.AssetType;

/**
 * Reads dropped files into a run. What a file holds is told by its extension (.geojson/.json,
 * .geojsonl/.geojsons/.ndjson/.jsonl, .csv, .xlsx, .zip of those) and what its records are by the
 * feed's asset type or, failing that, by the file name: {@code pole.geojsonl} holds poles, and a
 * name starting with {@code loads} (or a {@code mis-load-file} feed) holds measured loads.
 */
public final class FileDropSource {

    private final GeoJsonFeatures geoJson = new GeoJsonFeatures();
    private final DelimitedRecords csv = new DelimitedRecords();
    private final XlsxRecords xlsx = new XlsxRecords();

    /** Reads the files in order; a file that cannot be read fails the run with its name in the message. */
    public void read(FeedDefinition feed, List<Path> files, RecordSink sink) {
        for (Path file : files) {
            String name = file.getFileName().toString();
            sink.at("reading " + name);
            try {
                if (lower(name).endsWith(".zip")) {
                    readZip(feed, file, sink);
                } else {
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                        readEntry(feed, name, in, sink);
                    }
                }
            } catch (IOException e) {
                throw new SourceException(name + ": " + e.getMessage(), e);
            } catch (SourceException e) {
                throw new SourceException(name + ": " + e.getMessage(), e);
            }
        }
    }

    private void readZip(FeedDefinition feed, Path file, RecordSink sink) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            int read = 0;
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String entryName = Path.of(e.getName()).getFileName().toString();
                if (e.isDirectory() || e.getName().startsWith("__MACOSX") || entryName.startsWith(".")) {
                    continue;
                }
                sink.at("reading " + file.getFileName() + "!" + e.getName());
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e), 1 << 16)) {
                    readEntry(feed, entryName, in, sink);
                } catch (SourceException ex) {
                    throw new SourceException(e.getName() + ": " + ex.getMessage(), ex);
                }
                read++;
            }
            if (read == 0) {
                throw new SourceException("the archive holds no files");
            }
        } catch (ZipException e) {
            throw new SourceException("not a readable zip archive: " + e.getMessage(), e);
        }
    }

    private void readEntry(FeedDefinition feed, String name, InputStream in, RecordSink sink) throws IOException {
        String n = lower(name);
        boolean loads = feed.kind() == FeedKind.MIS_LOAD_FILE || stem(n).startsWith("loads");
        InputStream body = new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller closes the underlying stream (zip entries share the archive)
            }
        };
        if (n.endsWith(".xlsx")) {
            if (!loads) {
                throw new SourceException("XLSX is read for load exports only (name it loads-*.xlsx or use a mis-load-file feed)");
            }
            xlsx.read(body, sink::load);
            return;
        }
        if (loads && !n.endsWith(".csv")) {
            throw new SourceException("load exports are CSV or XLSX");
        }
        if (loads) {
            csv.read(body, new DelimitedRecords.Handler() {
                @Override
                public void record(SourceRecord r) {
                    sink.load(r);
                }

                @Override
                public void unreadable(String raw, String reason) {
                    sink.unreadable(null, raw, reason);
                }
            });
            return;
        }
        AssetType type = typeOf(feed, name);
        GeoJsonFeatures.FeatureHandler features = new GeoJsonFeatures.FeatureHandler() {
            @Override
            public void record(SourceRecord r) {
                sink.asset(type, r);
            }

            @Override
            public void unreadable(String raw, String reason) {
                sink.unreadable(type, raw, reason);
            }
        };
        if (n.endsWith(".geojson") || n.endsWith(".json")) {
            geoJson.readCollection(body, features);
        } else if (n.endsWith(".geojsonl") || n.endsWith(".geojsons") || n.endsWith(".geojsonseq")
                || n.endsWith(".ndjson") || n.endsWith(".jsonl")) {
            geoJson.readSequence(body, features);
        } else if (n.endsWith(".csv")) {
            csv.read(body, new DelimitedRecords.Handler() {
                @Override
                public void record(SourceRecord r) {
                    sink.asset(type, r);
                }

                @Override
                public void unreadable(String raw, String reason) {
                    sink.unreadable(type, raw, reason);
                }
            });
        } else {
            throw new SourceException("unsupported file type; expected .geojson, .geojsonl, .csv, .xlsx or .zip");
        }
    }

    /** The asset type of a file: the feed's, or the one its name (without extension) names. */
    static AssetType typeOf(FeedDefinition feed, String fileName) {
        if (feed.assetType() != null) {
            return feed.assetType();
        }
        String stem = stem(lower(fileName));
        for (AssetType t : AssetType.values()) {
            if (stem.equals(t.table()) || stem.startsWith(t.table() + "-") || stem.startsWith(t.table() + ".")) {
                return t;
            }
        }
        throw new SourceException("cannot tell what " + fileName + " holds: name it after the asset table ("
                + String.join(", ", java.util.Arrays.stream(AssetType.values()).map(AssetType::table).toList())
                + ") or set the feed's asset-type");
    }

    private static String stem(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

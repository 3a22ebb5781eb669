package io.gridhub.feeds.source.file;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedKind;
import io.gridhub.feeds.FeedPolicy;
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

    private final FeedPolicy.Files caps;
    private final GeoJsonFeatures geoJson;
    private final DelimitedRecords csv;
    private final XlsxRecords xlsx;

    public FileDropSource() {
        this(FeedPolicy.Files.DEFAULTS);
    }

    public FileDropSource(FeedPolicy.Files caps) {
        this.caps = caps;
        this.geoJson = new GeoJsonFeatures(caps.maxRecordBytes());
        this.csv = new DelimitedRecords(caps.maxRecordBytes(), caps.maxWktDepth());
        this.xlsx = new XlsxRecords(caps);
    }

    /** Reads the files in order; a file that cannot be read fails the run with its name in the message. */
    public void read(FeedDefinition feed, List<Path> files, RecordSink sink) {
        for (Path file : files) {
            String name = file.getFileName().toString();
            sink.at("reading " + name);
            try {
                refuseUnsafe(file);
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

    /**
     * A symbolic link in an inbox is refused, not followed: a link to any file the hub can read would
     * otherwise become quarantine content every role can read. So is anything but a regular file,
     * and a file beyond {@code max-file-bytes}.
     */
    private void refuseUnsafe(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new SourceException("is a symbolic link: refused (drop the file itself)");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new SourceException("is not a regular file: refused");
        }
        long size = Files.size(file);
        if (size > caps.maxFileBytes()) {
            throw new SourceException(size + " bytes, more than " + caps.maxFileBytes()
                    + " (hub.feed-policy.files.max-file-bytes): refused");
        }
    }

    private void readZip(FeedDefinition feed, Path file, RecordSink sink) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > caps.maxZipEntries()) {
                throw new SourceException("the archive holds " + zip.size() + " entries, more than "
                        + caps.maxZipEntries() + " (hub.feed-policy.files.max-zip-entries): refused");
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            int read = 0;
            long[] expanded = {0};
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String entryName;
                try { // only the last part of an entry's name counts: "../../x/pole.csv" is pole.csv, read from memory
                    Path p = Path.of(e.getName());
                    entryName = p.getFileName() == null ? "" : p.getFileName().toString();
                } catch (java.nio.file.InvalidPathException bad) {
                    throw new SourceException("entry name '" + io.gridhub.feeds.source.ControlCharacters.strip(e.getName())
                            + "' is not a file name: " + bad.getReason());
                }
                if (e.isDirectory() || e.getName().startsWith("__MACOSX") || entryName.startsWith(".")) {
                    continue;
                }
                sink.at("reading " + file.getFileName() + "!" + e.getName());
                try (InputStream in = new BufferedInputStream(new Expansion(zip.getInputStream(e), e, expanded), 1 << 16)) {
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

    /**
     * Counts what a zip entry expands to: beyond {@code max-zip-bytes} for the whole archive, or
     * beyond {@code max-zip-ratio} times the entry's compressed size, the read fails (a zip bomb).
     */
    private final class Expansion extends FilterInputStream {
        private final long compressed;
        private final long[] archiveTotal;
        private long entryTotal;

        Expansion(InputStream in, ZipEntry entry, long[] archiveTotal) {
            super(in);
            this.compressed = Math.max(entry.getCompressedSize(), 1);
            this.archiveTotal = archiveTotal;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            entryTotal += n;
            archiveTotal[0] += n;
            if (archiveTotal[0] > caps.maxZipBytes()) {
                throw new SourceException("the archive expands to more than " + caps.maxZipBytes()
                        + " bytes (hub.feed-policy.files.max-zip-bytes): refused");
            }
            if (entryTotal > 1 << 20 && entryTotal > compressed * caps.maxZipRatio()) {
                throw new SourceException("an entry expands more than " + caps.maxZipRatio()
                        + " times its compressed size (hub.feed-policy.files.max-zip-ratio): refused as a zip bomb");
            }
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

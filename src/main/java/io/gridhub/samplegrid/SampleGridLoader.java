package io.gridhub.samplegrid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.feeds.FeedCatalog;
import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedRun;
import io.gridhub.feeds.FeedRunService;
import io.gridhub.grid.AssetField;
import io.gridhub.grid.AssetSchema;
import io.gridhub.grid.AssetType;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the sample Ordos grid from {@code geodata/} into an empty grid store at start-up. When
 * the sample's feed id names a configured file-drop feed (as shipped), the files go through that
 * feed as one run; otherwise they are inserted directly, in one transaction: a crash half-way leaves the store empty and the next start tries again. Files are
 * the generator's GeoJSONSeq (one per asset type, property names = column names) and its
 * production-MIS style load export {@code loads.csv}.
 */
@Component
@EnableConfigurationProperties(SampleGridProperties.class)
public class SampleGridLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleGridLoader.class);
    private static final int BATCH = 1000;

    /** Equipment type codes of the production MIS load export (设备类型). */
    private static final Map<String, String> LOAD_ASSET_CODES = Map.of(
            "PB", "DISTRIBUTION_TRANSFORMER", "XL", "FEEDER", "ZB", "MAIN_TRANSFORMER");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SampleGridProperties properties;
    private final ObjectMapper json = new ObjectMapper();
    private final FeedCatalog feeds;
    private final FeedRunService feedRuns;

    public SampleGridLoader(JdbcTemplate jdbc, TransactionTemplate tx, SampleGridProperties properties,
                            FeedCatalog feeds, FeedRunService feedRuns) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
        this.feeds = feeds;
        this.feedRuns = feedRuns;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.loadOnStart()) {
            return;
        }
        Long substations = jdbc.queryForObject("SELECT count(*) FROM grid.substation", Long.class);
        if (substations != null && substations > 0) {
            log.info("grid store holds {} substations: sample grid not loaded", substations);
            return;
        }
        Path dir = properties.location();
        if (!Files.isDirectory(dir)) {
            log.warn("sample grid folder {} does not exist: the grid store stays empty", dir.toAbsolutePath());
            return;
        }
        if (feeds.find(properties.feedId()).filter(FeedDefinition::isFileDrop).isPresent()) {
            // through the configured file-drop feed: validated, recorded as a run, announced
            List<Path> files = new ArrayList<>();
            for (AssetType type : AssetType.values()) {
                Path file = dir.resolve(type.table() + ".geojsonl");
                if (Files.exists(file)) {
                    files.add(file);
                }
            }
            if (Files.exists(dir.resolve("loads.csv"))) {
                files.add(dir.resolve("loads.csv"));
            }
            FeedRun run = feedRuns.runFiles(properties.feedId(), files);
            log.info("sample Ordos grid from {} through feed {}: run {} {} (inserted {}, quarantined {}){}", dir,
                    properties.feedId(), run.id(), run.status(), run.inserted(), run.quarantined(),
                    run.error() == null ? "" : ": " + run.error());
            return;
        }
        Map<AssetType, Integer> counts = load(dir);
        log.info("sample Ordos grid loaded from {}: {}", dir, counts);
    }

    /** Loads every file of the folder in one transaction; returns the rows per asset type. */
    public Map<AssetType, Integer> load(Path dir) {
        return tx.execute(status -> {
            Map<AssetType, Integer> counts = new EnumMap<>(AssetType.class);
            for (AssetType type : AssetType.values()) {
                Path file = dir.resolve(type.table() + ".geojsonl");
                if (Files.exists(file)) {
                    counts.put(type, loadAssets(type, file));
                }
            }
            Path loads = dir.resolve("loads.csv");
            if (Files.exists(loads)) {
                log.info("measured loads: {} rows", loadMeasuredPeaks(loads));
            }
            return counts;
        });
    }

    private int loadAssets(AssetType type, Path file) {
        List<AssetField> fields = AssetSchema.fields(type);
        StringBuilder cols = new StringBuilder("feed_id, source_id, name, geom");
        StringBuilder vals = new StringBuilder("?, ?, ?, ST_SetSRID(ST_GeomFromWKB(?), 4490)");
        for (AssetField f : fields) {
            cols.append(", ").append(f.name());
            vals.append(", CAST(? AS ").append(f.type().sqlType()).append(")");
        }
        String sql = "INSERT INTO " + type.qualifiedTable() + " (" + cols + ") VALUES (" + vals + ")";
        GeoJsonReader geoJson = new GeoJsonReader();
        WKBWriter wkb = new WKBWriter(2);
        List<Object[]> batch = new ArrayList<>(BATCH);
        int total = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode feature = json.readTree(line);
                JsonNode props = feature.path("properties");
                Object[] row = new Object[4 + fields.size()];
                row[0] = properties.feedId();
                row[1] = props.path("source_id").asText();
                row[2] = props.path("name").isNull() ? null : props.path("name").asText(null);
                Geometry g = feature.hasNonNull("geometry") ? geoJson.read(feature.get("geometry").toString()) : null;
                row[3] = g == null ? null : wkb.write(g);
                for (int i = 0; i < fields.size(); i++) {
                    row[4 + i] = value(props.get(fields.get(i).name()), fields.get(i));
                }
                if (row[1] == null || ((String) row[1]).isBlank()) {
                    throw new IllegalStateException(file + ":" + lineNo + ": source_id is missing");
                }
                batch.add(row);
                if (batch.size() == BATCH) {
                    total += flush(sql, batch);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + ": invalid geometry: " + e.getMessage(), e);
        }
        total += flush(sql, batch);
        return total;
    }

    private static Object value(JsonNode node, AssetField field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (field.type() == AssetField.Type.TEXT_ARRAY) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            return "{" + String.join(",", items.stream().map(s -> "\"" + s.replace("\"", "\\\"") + "\"").toList()) + "}";
        }
        return node.asText();
    }

    private int flush(String sql, List<Object[]> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        jdbc.batchUpdate(sql, batch);
        int n = batch.size();
        batch.clear();
        return n;
    }

    /** Timestamps of the export, with an offset or in China Standard Time (UTC+8) without one. */
    private static java.time.Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.LocalDateTime.parse(text).atOffset(java.time.ZoneOffset.ofHours(8)).toInstant();
        }
    }

    private int loadMeasuredPeaks(Path file) {
        String sql = """
                INSERT INTO grid.measured_peak_load
                    (feed_id, asset_type, asset_ref, period_start, period_end, peak_kw, power_factor, measured_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty()) {
            return 0;
        }
        List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split(",", -1));
        int code = header.indexOf("SBBM");
        int kind = header.indexOf("SBLX");
        int month = header.indexOf("TJYF");
        int peak = header.indexOf("ZDFH_KW");
        int pf = header.indexOf("GLYS");
        int at = header.indexOf("CJSJ");
        if (code < 0 || kind < 0 || month < 0 || peak < 0) {
            throw new IllegalStateException(file + ": expected columns SBBM, SBLX, TJYF, ZDFH_KW, found " + header);
        }
        List<String> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        jdbc.batchUpdate(sql, rows, BATCH, (PreparedStatement ps, String line) -> {
            String[] c = line.split(",", -1);
            String assetType = LOAD_ASSET_CODES.get(c[kind]);
            if (assetType == null) {
                throw new SQLException(file + ": unknown equipment type code '" + c[kind] + "' in " + line);
            }
            YearMonth ym = YearMonth.parse(c[month]);
            ps.setString(1, properties.feedId());
            ps.setString(2, assetType);
            ps.setString(3, c[code]);
            ps.setDate(4, Date.valueOf(ym.atDay(1)));
            ps.setDate(5, Date.valueOf(ym.atEndOfMonth()));
            ps.setBigDecimal(6, new java.math.BigDecimal(c[peak]));
            ps.setObject(7, pf >= 0 && !c[pf].isBlank() ? new java.math.BigDecimal(c[pf]) : null, java.sql.Types.NUMERIC);
            ps.setTimestamp(8, at >= 0 && !c[at].isBlank() ? Timestamp.from(instant(c[at])) : null);
        });
        return rows.size();
    }
}

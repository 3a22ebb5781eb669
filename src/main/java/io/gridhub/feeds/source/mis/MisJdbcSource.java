package io.gridhub.feeds.source.mis;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gridhub.feeds.FeedDefinition;
import io.gridhub.feeds.FeedPolicy;
import io.gridhub.feeds.source.FeatureSource;
import io.gridhub.feeds.source.RecordSink;
import io.gridhub.feeds.source.Redaction;
import io.gridhub.feeds.source.SourceAttributes;
import io.gridhub.feeds.source.SourceException;
import io.gridhub.feeds.source.SourceRecord;

/**
 * Polls a view of the production MIS with the feed's query (its own JDBC URL and credentials,
 * never the hub's datasource). The query may use {@code :watermark}, bound to the highest value of
 * the watermark column the hub has merged (null on the first poll), as text: write the comparison
 * with a cast, e.g. {@code WHERE updated_at > COALESCE(CAST(:watermark AS timestamptz), '-infinity')}.
 * Rows stream with a fetch size, so a large view is never held whole. Rows are loads unless the
 * feed names an asset type (for MIS tables of assets without geometry, e.g. main transformers).
 *
 * <p>Look-back: a row committed late with a timestamp older than the watermark (a long MIS
 * transaction, a clock behind) would never match {@code > :watermark}. So {@code :watermark} is
 * bound to the stored watermark minus the feed's look-back window ({@link Watermarks#lookBack});
 * rows of the window read again carry the content the store already holds and are merged as
 * unchanged (the merge compares content, never rewrites them). The watermark stored afterwards is
 * the highest value ever seen: a poll that only re-reads older rows never moves it back.
 */
public final class MisJdbcSource implements FeatureSource {

    private static final Pattern WATERMARK = Pattern.compile(":watermark\\b");
    private static final int FETCH_SIZE = 2000;

    /** Timeouts and the default look-back. */
    private final FeedPolicy.Jdbc timeouts;

    public MisJdbcSource(FeedPolicy.Jdbc timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public String read(String feedId, FeedDefinition feed, String watermark, RecordSink sink) {
        if (feed.url() == null || feed.sql() == null) {
            throw new SourceException("a MIS JDBC feed needs url and sql");
        }
        Matcher m = WATERMARK.matcher(feed.sql());
        int binds = 0;
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sql, "?");
            binds++;
        }
        m.appendTail(sql);
        String column = feed.watermarkColumn();
        String bound = Watermarks.lookBack(watermark, feed.lookBack() != null ? feed.lookBack() : timeouts.lookBack());
        Comparable<Object> highest = null;
        String highestText = null;
        sink.at("querying the MIS");
        try (Connection c = connect(feed)) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setQueryTimeout(seconds(timeouts.queryTimeout()));
                for (int i = 1; i <= binds; i++) {
                    ps.setString(i, bound);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    int wm = column == null ? -1 : rs.findColumn(column);
                    while (rs.next()) {
                        SourceAttributes a = new SourceAttributes();
                        StringBuilder raw = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            if (v instanceof Timestamp t) {
                                v = t.toInstant().toString();
                            } else if (v instanceof OffsetDateTime o) {
                                v = o.toInstant().toString();
                            } else if (v instanceof java.sql.Date d) {
                                v = d.toLocalDate().toString();
                            }
                            a.put(md.getColumnLabel(i), v);
                            raw.append(i > 1 ? "," : "").append(md.getColumnLabel(i)).append('=').append(v);
                        }
                        if (wm > 0) {
                            @SuppressWarnings("unchecked")
                            Comparable<Object> value = (Comparable<Object>) rs.getObject(wm);
                            if (value != null && (highest == null || value.compareTo(highest) > 0)) {
                                highest = value;
                                highestText = text(value);
                            }
                        }
                        String rawText = raw.toString();
                        SourceRecord r = new SourceRecord(a, null, null, () -> rawText);
                        if (feed.assetType() == null) {
                            sink.load(r);
                        } else {
                            sink.asset(feed.assetType(), r);
                        }
                    }
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new SourceException("MIS query failed: " + Redaction.message(e.getMessage()), e);
        }
        return Watermarks.max(watermark, highestText);
    }

    /**
     * Connects with the login and socket timeouts: as connection properties (PostgreSQL's
     * {@code loginTimeout}, {@code connectTimeout}, {@code socketTimeout}, in seconds; other drivers
     * ignore names they do not know), never through {@code DriverManager.setLoginTimeout}, which
     * would change every connection of the JVM.
     */
    private Connection connect(FeedDefinition feed) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        if (feed.username() != null) {
            p.setProperty("user", feed.username());
        }
        if (feed.password() != null) {
            p.setProperty("password", feed.password());
        }
        String login = Integer.toString(seconds(timeouts.loginTimeout()));
        p.setProperty("loginTimeout", login);
        p.setProperty("connectTimeout", login);
        p.setProperty("socketTimeout", Integer.toString(seconds(timeouts.socketTimeout())));
        return DriverManager.getDriver(feed.url()).connect(feed.url(), p);
    }

    private static int seconds(java.time.Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toSeconds()));
    }

    private static String text(Object v) {
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant().toString();
        }
        return v.toString();
    }
}

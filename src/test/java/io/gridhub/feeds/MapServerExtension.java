package io.gridhub.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real MapServer 8 (Debian's mapserv CGI) behind lighttpd on a loopback port, publishing
 * {@code gis.poles} of the test GIS database (made by ./hub test) as WFS 2.0 and OGC API –
 * Features, and the same poles exported to a shapefile (layer poles_shp) for OGC API paging.
 * Started once per test run and stopped when the run ends. The poles are filled here:
 * {@link #POLES} of them with seven-decimal coordinates, so that "exactly as the source" is
 * checkable.
 */
public class MapServerExtension implements BeforeAllCallback {

    public static final int POLES = 137;

    static int port() {
        return io.gridhub.TestPorts.port(io.gridhub.TestPorts.MAPSERVER);
    }

    static String gisDbUrl() {
        return "jdbc:postgresql://127.0.0.1:" + env("HUB_PG_PORT", "55432") + "/" + env("HUB_TEST_GIS_DB_NAME", "gridhub_test_gis");
    }

    static Connection gisDb() throws SQLException {
        return DriverManager.getConnection(gisDbUrl(), env("HUB_DB_USER", "gridhub"), env("HUB_DB_PASSWORD", "gridhub"));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? System.getProperty(name, fallback) : v;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("mapserver", k -> start(), Server.class);
    }

    private static Server start() {
        try {
            fill();
            Path dir = Path.of("target", "mapserver").toAbsolutePath();
            Files.createDirectories(dir);
            String map;
            try (InputStream in = MapServerExtension.class.getResourceAsStream("/feeds/mapserver/grid.map")) {
                map = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            map = map.replace("@PORT@", Integer.toString(port())).replace("@PGPORT@", env("HUB_PG_PORT", "55432"))
                    .replace("@DB@", env("HUB_TEST_GIS_DB_NAME", "gridhub_test_gis"))
                    .replace("@USER@", env("HUB_DB_USER", "gridhub")).replace("@PASSWORD@", env("HUB_DB_PASSWORD", "gridhub"))
                    .replace("@DIR@", dir.toString());
            exportShapefile(dir);
            Files.writeString(dir.resolve("grid.map"), map);
            Files.writeString(dir.resolve("mapserver.conf"), """
                    CONFIG
                      ENV
                        MS_MAP_NO_PATH "1"
                      END
                      MAPS
                        GRID "%s"
                      END
                    END
                    """.formatted(dir.resolve("grid.map")));
            Files.writeString(dir.resolve("lighttpd.conf"), """
                    server.modules = ("mod_cgi", "mod_setenv", "mod_alias", "mod_accesslog")
                    server.document-root = "%1$s"
                    server.bind = "127.0.0.1"
                    server.port = %2$d
                    server.errorlog = "%1$s/lighttpd-error.log"
                    accesslog.filename = "%1$s/access.log"
                    alias.url = ("/cgi-bin/mapserv" => "/usr/lib/cgi-bin/mapserv")
                    cgi.assign = ("/usr/lib/cgi-bin/mapserv" => "")
                    setenv.add-environment = ("MAPSERVER_CONFIG_FILE" => "%1$s/mapserver.conf")
                    """.formatted(dir, port()));
            Process p = new ProcessBuilder("lighttpd", "-D", "-f", dir.resolve("lighttpd.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("lighttpd.out").toFile()).start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            while (true) {
                try (Socket s = new Socket("127.0.0.1", port())) {
                    break;
                } catch (IOException e) {
                    if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("lighttpd did not start on port " + port() + "; see " + dir);
                    }
                    Thread.sleep(100);
                }
            }
            return new Server(p);
        } catch (IOException | SQLException | InterruptedException e) {
            throw new IllegalStateException("cannot start MapServer: " + e, e);
        }
    }

    /** lighttpd's access log: one line per request, with the request line (path and query). */
    static Path accessLog() {
        return Path.of("target", "mapserver", "access.log").toAbsolutePath();
    }

    /**
     * gis.poles exported with ogr2ogr to {@code dir/poles.shp} (layer poles_shp): MapServer 8.0.0
     * pages OGC API items by offset on a shapefile layer, not on a PostGIS one (#6613).
     */
    private static void exportShapefile(Path dir) throws IOException, InterruptedException {
        for (String ext : new String[] {"shp", "shx", "dbf", "prj", "cpg"}) {
            Files.deleteIfExists(dir.resolve("poles." + ext));
        }
        String pg = "PG:host=127.0.0.1 port=" + env("HUB_PG_PORT", "55432") + " dbname=" + env("HUB_TEST_GIS_DB_NAME", "gridhub_test_gis")
                + " user=" + env("HUB_DB_USER", "gridhub") + " password=" + env("HUB_DB_PASSWORD", "gridhub");
        Process p = new ProcessBuilder("ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", "-nln", "poles",
                dir.resolve("poles.shp").toString(), pg, "-sql", "SELECT gid, sbbm, sbmc, ssxl, gth, geom FROM gis.poles ORDER BY gid")
                .redirectErrorStream(true).redirectOutput(dir.resolve("ogr2ogr.out").toFile()).start();
        if (p.waitFor() != 0 || !Files.exists(dir.resolve("poles.shp"))) {
            throw new IllegalStateException("ogr2ogr could not export gis.poles to a shapefile; see " + dir.resolve("ogr2ogr.out"));
        }
    }

    /** The source grid: poles along a line through Dongsheng, seven decimals like a GIS export. */
    private static void fill() throws SQLException {
        try (Connection c = gisDb(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS gis");
            s.execute("DROP TABLE IF EXISTS gis.poles");
            s.execute("CREATE TABLE gis.poles (gid serial PRIMARY KEY, sbbm text, sbmc text, ssxl text, gth text,"
                    + " geom geometry(Point, 4490))");
            s.execute("INSERT INTO gis.poles (sbbm, sbmc, ssxl, gth, geom) SELECT 'GT-' || lpad(g::text, 4, '0'),"
                    + " '东05线#' || g || '杆', 'FDR-A1', '#' || g, ST_SetSRID(ST_MakePoint("
                    + " round((109.9412345 + g * 0.0003217)::numeric, 7), round((39.8123457 + g * 0.0001931)::numeric, 7)), 4490)"
                    + " FROM generate_series(1, " + POLES + ") g");
        }
    }

    record Server(Process process) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            process.destroy();
        }
    }
}

package io.gridhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The ports of the test servers (broker acceptor, MapServer, ArcGIS replay, the hostile GIS
 * stand-in): the environment variable when set, else a free loopback port chosen once per test
 * JVM, so that the suite can run beside a running hub or another suite. Registered in
 * {@code META-INF/spring.factories}, it puts the chosen ports into every test context's
 * environment under the variables' names, which the test configuration's placeholders read.
 */
public final class TestPorts implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String BROKER = "HUB_TEST_BROKER_PORT";
    public static final String MAPSERVER = "HUB_TEST_MAPSERVER_PORT";
    public static final String ARCGIS = "HUB_TEST_ARCGIS_PORT";
    public static final String HOSTILE_GIS = "HUB_TEST_HOSTILE_GIS_PORT";

    private static final Map<String, Integer> CHOSEN = new ConcurrentHashMap<>();

    /** The port for a variable: its value when set, else a free port (the same for the whole JVM). */
    public static int port(String variable) {
        return CHOSEN.computeIfAbsent(variable, v -> {
            String set = System.getenv(v);
            return set != null && !set.isBlank() ? Integer.parseInt(set.trim()) : free();
        });
    }

    private static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> ports = new LinkedHashMap<>();
        for (String v : new String[] {BROKER, MAPSERVER, ARCGIS, HOSTILE_GIS}) {
            ports.put(v, port(v));
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-ports", ports));
    }
}

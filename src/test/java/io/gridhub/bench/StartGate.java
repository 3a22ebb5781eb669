package io.gridhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the clocks of load drivers that run side by side ({@code ./hub bench soak}: the MIS and
 * the siting driver) at one moment, however long each JVM took to start and connect. With
 * {@code -Dbench.gate=DIR} a driver, once ready, writes {@code DIR/ready-NAME} and waits for
 * {@code DIR/go}, which holds the epoch millisecond to start at (the script writes it when every
 * driver is ready); without it, it starts at once.
 */
public final class StartGate {

    private StartGate() {
    }

    /** Waits for the common start (at most 10 minutes for the go file); returns when it is due. */
    public static void await(String name) throws IOException, InterruptedException {
        String dir = System.getProperty("bench.gate");
        if (dir == null) {
            return;
        }
        Path gate = Path.of(dir);
        Files.createDirectories(gate);
        Files.writeString(gate.resolve("ready-" + name), name + "\n");
        Path go = gate.resolve("go");
        long deadline = System.currentTimeMillis() + 600_000;
        while (!Files.exists(go)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no " + go + " within 10 minutes of " + name + " being ready");
            }
            Thread.sleep(10);
        }
        long startAt = Long.parseLong(Files.readString(go).trim());
        long wait;
        while ((wait = startAt - System.currentTimeMillis()) > 0) {
            Thread.sleep(Math.min(wait, 50));
        }
    }
}

package io.gridhub.grid;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.read-replica}: an optional PostgreSQL streaming replica (hot standby) that serves the
 * read-only siting and tile queries ({@link GridReads}). Off while {@code url} is empty: every read
 * goes to the primary, as without this setting.
 *
 * @param url           JDBC URL of the standby; empty: no replica
 * @param username      its login (usually the hub's own role, replicated with the data)
 * @param password      its password
 * @param maxLag        staleness bound: a read goes to the replica only while it has replayed
 *                      everything the primary had committed this long ago; otherwise to the primary
 * @param probeInterval how often the replica's replay position is compared with the primary's
 * @param poolSize      connections of the replica's own pool
 */
@ConfigurationProperties("hub.read-replica")
public record ReadReplicaProperties(
        @DefaultValue("") String url,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("5s") Duration maxLag,
        @DefaultValue("1s") Duration probeInterval,
        @DefaultValue("4") int poolSize) {

    public ReadReplicaProperties {
        if (maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException("hub.read-replica.max-lag must be positive, was " + maxLag);
        }
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("hub.read-replica.probe-interval must be positive, was " + probeInterval);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("hub.read-replica.pool-size must be at least 1, was " + poolSize);
        }
    }

    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}

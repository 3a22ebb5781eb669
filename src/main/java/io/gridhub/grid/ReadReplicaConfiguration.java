package io.gridhub.grid;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link GridReads}, with the read replica when {@code hub.read-replica.url} is set, and its health component. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadReplicaProperties.class)
class ReadReplicaConfiguration {

    /** Health status of a replica that serves no reads (lagging beyond the bound, unreachable): the hub stays UP. */
    static final Status DEGRADED = new Status("DEGRADED", "reads go to the primary");

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${hub.read-replica.url:}'.isBlank()")
    ReadReplica readReplica(ReadReplicaProperties properties, JdbcTemplate primary) {
        return new ReadReplica(properties, primary);
    }

    @Bean
    GridReads gridReads(JdbcTemplate primary, NamedParameterJdbcTemplate primaryNamed,
                        PlatformTransactionManager transactions, ObjectProvider<ReadReplica> replica) {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        return new GridReads(primary, primaryNamed, readOnly, replica.getIfAvailable());
    }

    /**
     * Health component {@code readReplica}: UP while reads may go to the replica, DEGRADED (not DOWN:
     * the hub serves every read from the primary meanwhile) while it lags beyond the bound or cannot
     * be reached; details (state, lag, reads by server) for admins. No database call: it reports the
     * probe's last finding.
     */
    @Bean
    @ConditionalOnExpression("!'${hub.read-replica.url:}'.isBlank()")
    HealthIndicator readReplicaHealthIndicator(ReadReplica replica) {
        return () -> {
            java.util.Map<String, Object> details = replica.details();
            return Health.status("CURRENT".equals(details.get("state")) ? Status.UP : DEGRADED)
                    .withDetails(details).build();
        };
    }
}

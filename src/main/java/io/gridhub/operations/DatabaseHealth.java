package io.gridhub.operations;

import java.time.Duration;

import javax.sql.DataSource;

import io.gridhub.api.HealthWithDeadline;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health component {@code db}: Spring Boot's check of the data source, answered within
 * {@code hub.health.timeout} ({@link HealthWithDeadline}). Its bean name replaces Boot's own
 * {@code db} component.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseHealth {

    @Bean
    HealthIndicator dbHealthIndicator(DataSource dataSource, @Value("${hub.health.timeout:2s}") Duration timeout) {
        return new HealthWithDeadline("db", new DataSourceHealthIndicator(dataSource), timeout);
    }
}

package io.gridhub.siting;

import io.gridhub.grid.GridReads;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SitingProperties.class)
class SitingConfiguration {

    /** Along roads where a road network is loaded (pgRouting), else straight line × detour factor. */
    @Bean
    RoadNetworkRouteEstimator routeEstimator(SitingProperties properties, GridReads reads, JdbcTemplate jdbc) {
        return new RoadNetworkRouteEstimator(reads, jdbc, new DetourRouteEstimator(properties.detourFactor()));
    }
}

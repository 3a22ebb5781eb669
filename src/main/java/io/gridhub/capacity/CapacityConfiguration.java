package io.gridhub.capacity;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CapacityProperties.class)
class CapacityConfiguration {

    @Bean
    CapacityRules capacityRules(CapacityProperties properties) {
        return new CapacityRules(properties);
    }
}

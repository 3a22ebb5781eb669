package io.gridhub.capacity;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CapacityProperties.class, TermsCacheProperties.class})
class CapacityConfiguration {

    @Bean
    CapacityRules capacityRules(CapacityProperties properties) {
        return new CapacityRules(properties);
    }

    @Bean
    ChainTermsCache chainTermsCache(CapacityRepository repository, TermsCacheProperties properties,
                                    ObjectProvider<MeterRegistry> meters) {
        return new ChainTermsCache(repository, properties, meters);
    }
}

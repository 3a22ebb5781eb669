package io.gridhub.geo;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the settings every capability shares about where the hub works. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceArea.class)
class GeoConfiguration {
}

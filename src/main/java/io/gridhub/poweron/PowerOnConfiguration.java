package io.gridhub.poweron;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code hub.power-on.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PowerOnProperties.class)
class PowerOnConfiguration {
}

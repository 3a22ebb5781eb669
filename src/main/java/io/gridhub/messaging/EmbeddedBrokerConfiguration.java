package io.gridhub.messaging;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Turns Spring Boot's embedded Artemis into a broker the marketing MIS can reach: a network
 * acceptor on {@code hub.broker.host:port} speaking Artemis Core, AMQP 1.0 and STOMP, login required,
 * the MIS address rules of {@link BrokerAddressRules} (permissions by role, the hub's addresses
 * declared up front, no auto-creation elsewhere, a dead-letter address after
 * {@code hub.broker.max-delivery-attempts}). The hub does not start when the acceptor cannot bind.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedBrokerConfiguration {

    @Bean
    ArtemisConfigurationCustomizer gridHubBrokerCustomizer(BrokerProperties broker) {
        return configuration -> {
            try {
                configuration.addAcceptorConfiguration(MisAcceptorGuard.ACCEPTOR,
                        "tcp://" + broker.host() + ":" + broker.port() + "?protocols=CORE,AMQP,STOMP");
            } catch (Exception e) {
                throw new IllegalStateException("invalid broker acceptor " + broker.host() + ":" + broker.port(), e);
            }
            configuration.setSecurityEnabled(true);
            configuration.setJMXManagementEnabled(false);
            BrokerAddressRules.security(broker).forEach(configuration::putSecurityRoles);
            BrokerAddressRules.addresses(broker).forEach(configuration::addAddressSetting);
            for (String queue : BrokerAddressRules.queues(broker)) {
                configuration.addQueueConfiguration(QueueConfiguration.of(queue)
                        .setAddress(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
            }
            configuration.addAddressConfiguration(
                    new org.apache.activemq.artemis.core.config.CoreAddressConfiguration()
                            .setName(broker.gridChangedTopic())
                            .addRoutingType(RoutingType.MULTICAST));
        };
    }

    /** Refuses to start when the MIS acceptor did not bind; reports it in health afterwards. */
    @Bean
    MisAcceptorGuard misAcceptorHealthIndicator(EmbeddedActiveMQ embedded, BrokerProperties broker) {
        MisAcceptorGuard guard = new MisAcceptorGuard(embedded.getActiveMQServer(), broker);
        guard.requireListening();
        return guard;
    }

    /**
     * Installs the hub's security manager before Spring Boot starts the embedded broker, and gives
     * the hub's in-VM connection factory its credentials.
     */
    @Bean
    static BeanPostProcessor gridHubBrokerSecurity(
            org.springframework.beans.factory.ObjectProvider<ArtemisProperties> artemis,
            org.springframework.beans.factory.ObjectProvider<BrokerProperties> broker) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
                if (bean instanceof EmbeddedActiveMQ embedded) {
                    ArtemisProperties a = artemis.getObject();
                    BrokerProperties b = broker.getObject();
                    embedded.setSecurityManager(new BrokerSecurityManager(
                            a.getUser(), a.getPassword(), b.misUser(), b.misPassword(), b.gisUser(), b.gisPassword()));
                }
                // Spring Boot's in-VM connection factory carries no credentials, and this broker
                // requires login on every connection, the hub's own included.
                Object target = bean instanceof SingleConnectionFactory s ? s.getTargetConnectionFactory() : bean;
                if (target instanceof ActiveMQConnectionFactory inVm) {
                    ArtemisProperties a = artemis.getObject();
                    inVm.setUser(a.getUser());
                    inVm.setPassword(a.getPassword());
                }
                return bean;
            }
        };
    }
}

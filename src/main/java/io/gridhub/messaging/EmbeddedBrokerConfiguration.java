package io.gridhub.messaging;

import java.util.Set;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
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
 * acceptor on {@code hub.broker.host:port}, login required, role-based permissions, the hub's
 * addresses declared up front (Artemis drops messages sent to an address with no queue) and a
 * dead-letter address after {@code hub.broker.max-delivery-attempts}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedBrokerConfiguration {

    @Bean
    ArtemisConfigurationCustomizer gridHubBrokerCustomizer(BrokerProperties broker) {
        return configuration -> {
            try {
                configuration.addAcceptorConfiguration("mis",
                        "tcp://" + broker.host() + ":" + broker.port()
                                + "?protocols=CORE");
            } catch (Exception e) {
                throw new IllegalStateException("invalid broker acceptor " + broker.host() + ":" + broker.port(), e);
            }
            configuration.setSecurityEnabled(true);
            configuration.setJMXManagementEnabled(false);
            Role hubAll = role(BrokerProperties.HUB_ROLE, CheckType.values());
            configuration.putSecurityRoles("#", Set.of(hubAll));
            configuration.putSecurityRoles(broker.requestQueue(), Set.of(hubAll,
                    role(BrokerProperties.MIS_ROLE, CheckType.SEND)));
            for (String misReadable : new String[] {"gridhub.replies.#", "gridhub.events.#", broker.gridChangedTopic()}) {
                configuration.putSecurityRoles(misReadable, Set.of(hubAll, role(BrokerProperties.MIS_ROLE,
                        CheckType.CONSUME, CheckType.BROWSE, CheckType.CREATE_DURABLE_QUEUE,
                        CheckType.CREATE_NON_DURABLE_QUEUE, CheckType.DELETE_NON_DURABLE_QUEUE)));
            }
            configuration.addAddressSetting("gridhub.#", new AddressSettings()
                    .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of(BrokerProperties.DEAD_LETTER_ADDRESS))
                    .setExpiryAddress(org.apache.activemq.artemis.api.core.SimpleString.of(BrokerProperties.EXPIRY_ADDRESS))
                    .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                    .setRedeliveryDelay(1000)
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(30_000)
                    .setAutoCreateQueues(true)
                    .setAutoCreateAddresses(true));
            for (String queue : new String[] {broker.requestQueue(), broker.defaultReplyQueue(),
                    BrokerProperties.DEAD_LETTER_ADDRESS, BrokerProperties.EXPIRY_ADDRESS}) {
                configuration.addQueueConfiguration(QueueConfiguration.of(queue)
                        .setAddress(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
            }
            configuration.addAddressConfiguration(
                    new org.apache.activemq.artemis.core.config.CoreAddressConfiguration()
                            .setName(broker.gridChangedTopic())
                            .addRoutingType(RoutingType.MULTICAST));
        };
    }

    private static Role role(String name, CheckType... allowed) {
        Set<CheckType> a = Set.of(allowed);
        return new Role(name, a.contains(CheckType.SEND), a.contains(CheckType.CONSUME),
                a.contains(CheckType.CREATE_DURABLE_QUEUE), a.contains(CheckType.DELETE_DURABLE_QUEUE),
                a.contains(CheckType.CREATE_NON_DURABLE_QUEUE), a.contains(CheckType.DELETE_NON_DURABLE_QUEUE),
                a.contains(CheckType.MANAGE), a.contains(CheckType.BROWSE),
                a.contains(CheckType.CREATE_ADDRESS), a.contains(CheckType.DELETE_ADDRESS),
                a.contains(CheckType.VIEW), a.contains(CheckType.EDIT));
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
                            a.getUser(), a.getPassword(), b.misUser(), b.misPassword()));
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

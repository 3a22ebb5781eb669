package io.gridhub.messaging;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.SingleConnectionFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BrokerProperties.class)
class MessagingConfiguration {

    /**
     * No Java deserialisation of message bodies in the hub, in either broker mode: an ObjectMessage
     * from another system is refused unread ({@link MisJmsRequests}), and should anything call
     * {@code getObject()} all the same, Artemis refuses every class. Artemis treats an empty allow-list
     * as "allow all", so "allow nothing" is the deny-list {@code *}.
     */
    @Bean
    static BeanPostProcessor noJavaDeserialisation() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
                Object target = bean instanceof SingleConnectionFactory s ? s.getTargetConnectionFactory() : bean;
                if (target instanceof ActiveMQConnectionFactory artemis) {
                    artemis.setDeserializationAllowList("");
                    artemis.setDeserializationDenyList("*");
                }
                return bean;
            }
        };
    }

    /**
     * Spring Boot's caching connection factory becomes a {@link FailoverKeepingConnectionFactory} (same
     * target, same settings), so that the failover of an HA pair keeps the hub's connection. Replaced
     * after initialisation, when the other post-processors have configured its target; the replacement
     * is destroyed with the bean it replaced (Spring destroys the original instance).
     */
    @Bean
    static DestructionAwareBeanPostProcessor keepConnectionOnFailover() {
        return new DestructionAwareBeanPostProcessor() {
            private final java.util.Map<Object, FailoverKeepingConnectionFactory> replacements =
                    new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
                if (bean.getClass() == CachingConnectionFactory.class) {
                    FailoverKeepingConnectionFactory replacement =
                            new FailoverKeepingConnectionFactory((CachingConnectionFactory) bean);
                    replacement.afterPropertiesSet();
                    replacements.put(bean, replacement);
                    return replacement;
                }
                return bean;
            }

            @Override
            public boolean requiresDestruction(Object bean) {
                return replacements.containsKey(bean);
            }

            @Override
            public void postProcessBeforeDestruction(Object bean, String beanName) throws BeansException {
                FailoverKeepingConnectionFactory replacement = replacements.remove(bean);
                if (replacement != null) {
                    replacement.destroy();
                }
            }
        };
    }
}

package io.gridhub.messaging;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
}

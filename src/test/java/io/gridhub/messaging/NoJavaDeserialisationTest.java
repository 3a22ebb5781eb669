package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.jms.connection.CachingConnectionFactory;

/** The hub's connection factories refuse to deserialise any class, whichever code calls getObject(). */
class NoJavaDeserialisationTest {

    @Test
    void anObjectMessageCannotBeReadThroughTheHubsConnectionFactory() throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false).setSecurityEnabled(false).setJMXManagementEnabled(false)
                .addAcceptorConfiguration("in-vm", "vm://7"));
        broker.start();
        try {
            CachingConnectionFactory hubs = new CachingConnectionFactory(new ActiveMQConnectionFactory("vm://7"));
            MessagingConfiguration.noJavaDeserialisation().postProcessBeforeInitialization(hubs, "jmsConnectionFactory");
            try (Connection c = new ActiveMQConnectionFactory("vm://7").createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                s.createProducer(s.createQueue("q")).send(s.createObjectMessage(new ArrayList<>(List.of("x"))));
            }
            try (Connection c = hubs.createConnection()) {
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                try (MessageConsumer consumer = s.createConsumer(s.createQueue("q"))) {
                    ObjectMessage m = (ObjectMessage) consumer.receive(5_000);
                    assertThat(m).isNotNull();
                    assertThatThrownBy(m::getObject).hasMessageContaining("java.util.ArrayList");
                }
            }
            hubs.destroy();
        } finally {
            broker.stop();
        }
    }
}

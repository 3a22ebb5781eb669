package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridhub.GridHubApplication;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub's messaging against a real standalone Artemis 2.40.0 in native mode: the configuration a
 * production deployment uses (HUB_BROKER_MODE=native, HUB_BROKER_URL), with no embedded broker, and
 * the MIS address rules, redelivery and dead-letter settings installed as the shipped broker
 * properties (config/artemis/broker.properties, here with a short redelivery delay).
 */
@SpringBootTest(classes = GridHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@CamelSpringBootTest
// Closed after the class, while the broker still runs; the broker process ends with the test JVM.
@DirtiesContext
class StandaloneArtemisIT {

    static StandaloneArtemis artemis;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) throws Exception {
        artemis = StandaloneArtemis.start(BrokerPropertiesFile.write(BrokerProperties.defaults("127.0.0.1", 0, 100)));
        registry.add("spring.artemis.mode", () -> "native");
        // Dynamic properties arrive after BrokerModeSwitch has looked (see BrokerModeSwitchTest).
        registry.add("spring.artemis.embedded.enabled", () -> "false");
        registry.add("spring.artemis.broker-url", artemis::url);
        registry.add("spring.artemis.user", () -> StandaloneArtemis.USER);
        registry.add("spring.artemis.password", () -> StandaloneArtemis.PASSWORD);
    }

    @Autowired ApplicationContext context;
    @Autowired BrokerProperties broker;
    @Autowired CamelContext camel;
    @Autowired HealthEndpoint health;

    @Test
    void noEmbeddedBrokerRunsInNativeMode() {
        assertThat(context.getBeanNamesForType(org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ.class))
                .isEmpty();
        assertThat(health.healthForPath("jms").getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void misRequestsAreAnsweredThroughTheStandaloneBroker() throws Exception {
        assertThat(camel.getRoute("mis-requests")).isNotNull();
        try (MisClient mis = new MisClient(artemis.url(), StandaloneArtemis.MIS_USER, StandaloneArtemis.MIS_PASSWORD)) {
            MessageEnvelope request = MisClient.get("GridSummary", null, null);
            MessageEnvelope reply = mis.request(broker.requestQueue(), request, broker.defaultReplyQueue(), 20_000);
            assertThat(reply.reply().result()).isEqualTo(Reply.Result.OK);
            assertThat(reply.header().correlationId()).isEqualTo(request.header().messageId());
            assertThat(reply.payloadXml()).contains("GridSummary");
        }
    }

    @Test
    void theMisAddressRulesHoldOnTheStandaloneBroker() throws Exception {
        try (MisClient mis = new MisClient(artemis.url(), StandaloneArtemis.MIS_USER, StandaloneArtemis.MIS_PASSWORD)) {
            assertThatThrownBy(() -> mis.send(broker.eventsAddress(), "forged", null, null))
                    .isInstanceOf(jakarta.jms.JMSSecurityException.class);
            assertThatThrownBy(() -> mis.send("gridhub.made-up-" + java.util.UUID.randomUUID(), "x", null, null))
                    .isInstanceOf(jakarta.jms.JMSException.class);
        }
    }

    @Test
    void aTransientFailureIsDeadLetteredByTheStandaloneBroker() throws Exception {
        try (MisClient mis = new MisClient(artemis.url(), StandaloneArtemis.MIS_USER, StandaloneArtemis.MIS_PASSWORD);
             MisClient hub = new MisClient(artemis.url(), StandaloneArtemis.USER, StandaloneArtemis.PASSWORD)) {
            MessageEnvelope poison = MisClient.change("create", ProbeRequestHandler.NOUN,
                    ProbeRequestHandler.payload("NATIVE-POISON", "transient"));
            mis.send(broker.requestQueue(), new Iec61968Codec().write(poison), null, "native-poison");
            String dead = hub.receive(BrokerProperties.DEAD_LETTER_ADDRESS, "JMSCorrelationID = 'native-poison'", 30_000);
            assertThat(dead).as("dead-lettered to gridhub.DLQ").contains(poison.header().messageId());
        }
    }
}

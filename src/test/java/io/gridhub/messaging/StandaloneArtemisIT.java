package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

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

    static final long POISON_REDELIVERY_DELAY_MS = 500;
    static final int REQUESTS_BEHIND_THE_POISON = 10;
    static StandaloneArtemis artemis;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) throws Exception {
        // redelivery after 0.5 s doubling: the poison of the dead-letter test is redelivered for 7.5 s
        artemis = StandaloneArtemis.start(BrokerPropertiesFile.write(
                BrokerProperties.defaults("127.0.0.1", 0, POISON_REDELIVERY_DELAY_MS)));
        registry.add("spring.artemis.mode", () -> "native");
        // one consumer of the request queue: nothing but the broker's redelivery can let requests pass a poison
        registry.add("hub.broker.request-consumers", () -> "1");
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

    /**
     * A poison request (it fails transiently every time) is redelivered by the standalone broker with
     * the shipped settings, then moved to gridhub.DLQ after hub.broker.max-delivery-attempts, and it
     * blocks nothing: with a single consumer of the request queue, the requests sent after its first
     * failure are all answered while it is still being redelivered.
     */
    @Test
    void aPoisonIsDeadLetteredByTheStandaloneBrokerWithoutBlockingTheRequestsBehindIt() throws Exception {
        Iec61968Codec codec = new Iec61968Codec();
        String key = "NATIVE-POISON-" + java.util.UUID.randomUUID();
        try (MisClient mis = new MisClient(artemis.url(), StandaloneArtemis.MIS_USER, StandaloneArtemis.MIS_PASSWORD);
             MisClient hub = new MisClient(artemis.url(), StandaloneArtemis.USER, StandaloneArtemis.PASSWORD)) {
            MessageEnvelope poison = MisClient.change("create", ProbeRequestHandler.NOUN,
                    ProbeRequestHandler.payload(key, "transient"));
            long sent = System.nanoTime();
            mis.send(broker.requestQueue(), codec.write(poison), null, "native-poison");
            awaitUntil("the poison's first attempt", () -> ProbeRequestHandler.attempts(key) >= 1);

            List<MessageEnvelope> behind = new ArrayList<>();
            for (int i = 0; i < REQUESTS_BEHIND_THE_POISON; i++) {
                MessageEnvelope request = MisClient.change("create", ProbeRequestHandler.NOUN,
                        ProbeRequestHandler.payload(key + "-BEHIND-" + i, "none"));
                behind.add(request);
                mis.send(broker.requestQueue(), codec.write(request), null, "native-behind-" + i);
            }
            for (int i = 0; i < behind.size(); i++) {
                String reply = mis.receive(broker.defaultReplyQueue(), "JMSCorrelationID = 'native-behind-" + i + "'", 20_000);
                assertThat(reply).as("reply to request " + i + " behind the poison").isNotNull();
                assertThat(codec.read(reply).reply().result()).isEqualTo(Reply.Result.OK);
                assertThat(codec.read(reply).header().correlationId()).isEqualTo(behind.get(i).header().messageId());
            }
            int poisonAttempts = ProbeRequestHandler.attempts(key);
            double answeredAfter = (System.nanoTime() - sent) / 1e9;
            assertThat(hub.receive(BrokerProperties.DEAD_LETTER_ADDRESS, "JMSCorrelationID = 'native-poison'", 100))
                    .as("the poison still being redelivered when the requests behind it were all answered").isNull();
            assertThat(poisonAttempts).as("attempts of the poison by then").isBetween(1, broker.maxDeliveryAttempts() - 1);

            String dead = hub.receive(BrokerProperties.DEAD_LETTER_ADDRESS, "JMSCorrelationID = 'native-poison'", 30_000);
            double deadAfter = (System.nanoTime() - sent) / 1e9;
            assertThat(dead).as("dead-lettered to gridhub.DLQ").contains(poison.header().messageId());
            assertThat(ProbeRequestHandler.attempts(key)).as("attempts before gridhub.DLQ")
                    .isEqualTo(broker.maxDeliveryAttempts());
            assertThat(mis.receive(broker.defaultReplyQueue(), "JMSCorrelationID = 'native-poison'", 200)).as("no reply")
                    .isNull();
            System.out.printf("StandaloneArtemisIT: %d requests behind the poison answered %.2f s after it was sent, "
                    + "when it had been attempted %d times; dead-lettered after %d attempts, %.2f s after it was sent%n",
                    behind.size(), answeredAfter, poisonAttempts, ProbeRequestHandler.attempts(key), deadAfter);
        }
    }

    private static void awaitUntil(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}

package io.gridhub.messaging.gridchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.gridhub.HubIntegrationTest;
import io.gridhub.grid.AssetType;
import io.gridhub.grid.GridChanged;
import io.gridhub.messaging.BrokerProperties;
import io.gridhub.messaging.MisClient;
import io.gridhub.messaging.iec61968.Header;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A grid change leaves through the outbox onto the grid-changed topic, and one heard from another
 * instance becomes this instance's local GridChanged (its caches refresh); its own is not heard twice.
 */
@HubIntegrationTest
class GridChangeIT {

    @Autowired ConfigurableApplicationContext context;
    @Autowired BrokerProperties broker;
    @Autowired JdbcTemplate jdbc;
    private final Iec61968Codec codec = new Iec61968Codec();

    @Test
    void aGridChangeGoesOutOnceAndAnotherInstancesChangeRefreshesThisOne() throws Exception {
        List<GridChanged> local = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<GridChanged>> listener = e -> local.add(e.getPayload());
        context.addApplicationListener(listener);
        try (MisClient mis = new MisClient("tcp://127.0.0.1:" + broker.port(), broker.misUser(), broker.misPassword());
             MisClient other = new MisClient("tcp://127.0.0.1:" + broker.port(), "gridhub", "gridhub");
             MessageConsumer topic = mis.session().createConsumer(mis.session().createTopic(broker.gridChangedTopic()))) {
            GridChanged mine = new GridChanged("grid-change-it", UUID.randomUUID().toString(),
                    Map.of(AssetType.POLE, 3L), true, new double[] {109.9, 39.5, 110.1, 39.7}, Instant.parse("2026-12-02T12:00:00Z"));
            context.publishEvent(mine);
            context.publishEvent(mine); // heard again: still one message
            TextMessage m = (TextMessage) topic.receive(15_000);
            assertThat(m).as("announced on the topic").isNotNull();
            MessageEnvelope event = codec.read(m.getText());
            assertThat(event.header().verb()).isEqualTo("changed");
            assertThat(event.header().noun()).isEqualTo("GridChange");
            GridChangePayload.Heard heard = GridChangePayload.read(event.payloadXml());
            assertThat(heard.change().runId()).isEqualTo(mine.runId());
            assertThat(heard.change().changed()).isEqualTo(Map.of(AssetType.POLE, 3L));
            assertThat(heard.change().extent()).containsExactly(109.9, 39.5, 110.1, 39.7);
            assertThat(topic.receive(1_000)).as("once").isNull();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM messaging.outbox WHERE message_id = ?", Integer.class,
                    GridChangeAnnouncer.messageId(mine))).isEqualTo(1);
            assertThat(local).as("its own announcement is not republished").hasSize(2);

            GridChanged theirs = new GridChanged("other-instance-feed", UUID.randomUUID().toString(),
                    Map.of(AssetType.DISTRIBUTION_TRANSFORMER, 5L), false, null, Instant.parse("2026-12-02T12:05:00Z"));
            String text = codec.write(MessageEnvelope.event(Header.of("changed", "GridChange"),
                    GridChangePayload.write(theirs, "another-hub-instance")));
            other.session().createProducer(other.session().createTopic(broker.gridChangedTopic()))
                    .send(other.session().createTextMessage(text));
            long deadline = System.currentTimeMillis() + 10_000;
            while (local.stream().noneMatch(g -> g.runId().equals(theirs.runId())) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(local).filteredOn(g -> g.runId().equals(theirs.runId())).singleElement()
                    .satisfies(g -> assertThat(g.changed()).isEqualTo(theirs.changed()));
        } finally {
            context.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME, ApplicationEventMulticaster.class)
                    .removeApplicationListener(listener);
        }
    }
}

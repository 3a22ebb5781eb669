package io.gridhub.messaging.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import io.gridhub.messaging.iec61968.Header;
import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox in table {@code messaging.outbox}: the whole IEC 61968-100 EventMessage is written at
 * append time, so what the relay sends is exactly what was committed, with its MessageID fixed.
 */
@Component
class JdbcOutbox implements Outbox {

    private final JdbcTemplate jdbc;
    private final String defaultAddress;
    private final Iec61968Codec codec = new Iec61968Codec();
    private final Clock clock;

    JdbcOutbox(JdbcTemplate jdbc, @Value("${hub.broker.events-address:gridhub.events.mis}") String defaultAddress) {
        this.jdbc = jdbc;
        this.defaultAddress = defaultAddress;
        this.clock = Clock.systemDefaultZone();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(OutboundMessage m) {
        Header header = new Header(m.verb(), m.noun(), null, OffsetDateTime.now(clock), "GridHub", null,
                m.messageId(), m.correlationId(), null, null, null, List.of());
        String body = codec.write(MessageEnvelope.event(header, m.payloadXml()));
        jdbc.update("""
                INSERT INTO messaging.outbox (message_id, address, ordering_key, verb, noun, correlation_id, body)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, m.messageId(), m.address() == null ? defaultAddress : m.address(), m.orderingKey(),
                m.verb(), m.noun(), m.correlationId(), body);
    }
}

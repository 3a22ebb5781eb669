package io.gridhub.feeds;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.feeds.sync.MergeResult;
import io.gridhub.grid.GridChanged;
import io.gridhub.messaging.BrokerProperties;
import jakarta.jms.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * After a run's merge committed (never before: a listener must not act on a change that may still
 * roll back), tells the hub ({@link GridChanged} Spring event: the capacity module refreshes) and
 * the outside world (a JSON message on the grid-changed topic with counts and extent). Runs that
 * changed nothing announce nothing.
 */
@Component
class GridChangeAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(GridChangeAnnouncer.class);

    private final ApplicationEventPublisher events;
    private final JmsTemplate jms;
    private final BrokerProperties broker;
    private final ObjectMapper json;

    GridChangeAnnouncer(ApplicationEventPublisher events, JmsTemplate jms, BrokerProperties broker, ObjectMapper json) {
        this.events = events;
        this.jms = jms;
        this.broker = broker;
        this.json = json;
    }

    void announce(String feedId, String runId, MergeResult r, Instant at) {
        if (r.changed().isEmpty() && r.loadsChanged() == 0) {
            return;
        }
        GridChanged event = new GridChanged(feedId, runId, r.changed(), r.loadsChanged() > 0, r.extent(), at);
        events.publishEvent(event);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("feedId", feedId);
        body.put("runId", runId);
        body.put("inserted", r.inserted());
        body.put("updated", r.updated());
        body.put("retired", r.retired());
        body.put("changed", r.changed());
        body.put("loadsChanged", r.loadsChanged());
        body.put("extent", r.extent());
        body.put("at", at.toString());
        try {
            String text = json.writeValueAsString(body);
            jms.execute(session -> {
                try (var producer = session.createProducer(session.createTopic(broker.gridChangedTopic()))) {
                    Message m = session.createTextMessage(text);
                    m.setStringProperty("feedId", feedId);
                    m.setStringProperty("runId", runId);
                    producer.send(m);
                }
                return null;
            }, true);
        } catch (JsonProcessingException | RuntimeException e) {
            // the data is committed and the Spring event delivered; a broker outage must not fail the run
            log.error("grid-changed message for run {} of feed {} not sent: {}", runId, feedId, e.toString());
        }
    }
}

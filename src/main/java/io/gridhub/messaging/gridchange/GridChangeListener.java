package io.gridhub.messaging.gridchange;

import io.gridhub.messaging.iec61968.Iec61968Codec;
import io.gridhub.messaging.iec61968.InvalidMessageException;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Turns a grid change heard on the grid-changed topic (route {@code grid-changed-listener}) into the
 * local {@link io.gridhub.grid.GridChanged} event the caches listen to, unless this instance made
 * it (it has refreshed already). So a feed run on one instance refreshes the peak window and tie-in
 * data of all of them.
 */
@Component("gridChangeListener")
public class GridChangeListener {

    private static final Logger log = LoggerFactory.getLogger(GridChangeListener.class);

    private final Iec61968Codec codec = new Iec61968Codec();
    private final ApplicationEventPublisher events;
    private final HubInstance instance;

    GridChangeListener(ApplicationEventPublisher events, HubInstance instance) {
        this.events = events;
        this.instance = instance;
    }

    /** @return whether the change was republished locally */
    public boolean heard(String text) {
        GridChangePayload.Heard heard;
        try {
            MessageEnvelope m = codec.read(text);
            if (!"GridChange".equals(m.header().noun()) || m.payloadXml() == null) {
                log.warn("ignored a message on the grid-changed topic that is not a GridChange event: {} {}",
                        m.header().verb(), m.header().noun());
                return false;
            }
            heard = GridChangePayload.read(m.payloadXml());
        } catch (InvalidMessageException e) {
            log.warn("ignored an unreadable message on the grid-changed topic: {}", e.getMessage());
            return false;
        }
        if (instance.id().equals(heard.origin())) {
            return false;
        }
        log.info("grid changed on another hub instance (feed {}, run {}): refreshing", heard.change().feedId(),
                heard.change().runId());
        events.publishEvent(heard.change());
        return true;
    }
}

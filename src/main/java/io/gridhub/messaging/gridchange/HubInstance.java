package io.gridhub.messaging.gridchange;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** This running hub among its peers: an id made at start-up, so an instance knows its own announcements. */
@Component
class HubInstance {

    private final String id = UUID.randomUUID().toString();

    String id() {
        return id;
    }
}

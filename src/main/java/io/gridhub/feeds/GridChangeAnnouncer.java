package io.gridhub.feeds;

import java.time.Instant;

import io.gridhub.feeds.sync.MergeResult;
import io.gridhub.grid.GridChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * After a run's merge committed (never before: a listener must not act on a change that may still
 * roll back), tells the hub with the {@link GridChanged} Spring event: capacity and siting refresh,
 * and messaging announces the change to other hub instances and systems (through the outbox, so a
 * broker outage loses none). Feeds itself knows nothing of the broker. Runs that changed nothing
 * announce nothing.
 */
@Component
class GridChangeAnnouncer {

    private final ApplicationEventPublisher events;

    GridChangeAnnouncer(ApplicationEventPublisher events) {
        this.events = events;
    }

    void announce(String feedId, String runId, MergeResult r, Instant at) {
        if (r.changed().isEmpty() && r.loadsChanged() == 0) {
            return;
        }
        events.publishEvent(new GridChanged(feedId, runId, r.changed(), r.loadsChanged() > 0, r.extent(), at));
    }
}

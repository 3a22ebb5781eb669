package io.gridhub.cases;

import java.util.Set;

import io.gridhub.security.HubRole;

/**
 * Who makes a change (操作人): a logged-in user with roles and service unit, or a system (the
 * marketing MIS, the hub's own scheduled jobs).
 *
 * @param name login name, or the system's name
 * @param roles the user's roles (empty for a system)
 * @param unit the user's service unit, null when none
 * @param system whether this is a system acting on its own authority (the MIS, a scheduled job)
 * @param correlationId the inbound MessageID that caused the change, null for REST and scheduled changes
 */
public record Actor(String name, Set<HubRole> roles, String unit, boolean system, String correlationId) {

    public Actor {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** The marketing MIS acting through an inbound message. */
    public static Actor mis(String correlationId) {
        return new Actor("mis", Set.of(), null, true, correlationId);
    }

    /** The hub itself (the time-limit job, plan expiry). */
    public static Actor hub() {
        return new Actor("gridhub", Set.of(), null, true, null);
    }

    public boolean has(HubRole role) {
        return roles.contains(role);
    }
}

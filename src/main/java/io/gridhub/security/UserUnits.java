package io.gridhub.security;

import java.util.Optional;

/** The service unit (供电所 / 营业厅) each user works for, from {@code hub.security.users[n].unit}. */
@FunctionalInterface
public interface UserUnits {

    /** The unit of the named user, empty when none is configured. */
    Optional<String> unitOf(String userName);
}

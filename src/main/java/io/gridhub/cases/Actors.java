package io.gridhub.cases;

import java.util.EnumSet;
import java.util.Set;

import io.gridhub.security.HubRole;
import io.gridhub.security.UserUnits;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/** Turns the logged-in user into an {@link Actor} with roles and service unit. */
@Component
public class Actors {

    private final UserUnits units;

    Actors(UserUnits units) {
        this.units = units;
    }

    public Actor of(Authentication authentication) {
        Set<HubRole> roles = EnumSet.noneOf(HubRole.class);
        for (GrantedAuthority a : authentication.getAuthorities()) {
            for (HubRole r : HubRole.values()) {
                if (r.authority().equals(a.getAuthority())) {
                    roles.add(r);
                }
            }
        }
        String name = authentication.getName();
        return new Actor(name, roles, units.unitOf(name).orElse(null), false, null);
    }
}

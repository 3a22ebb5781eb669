package io.gridhub.security;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The users the hub knows, for the admin page: read-only, from configuration (users are managed
 * in {@code hub.security.users}, not in the hub). Roles are read back from the login service, so
 * what is listed is what logging in grants.
 */
@RestController
@Tag(name = "security")
class UserDirectoryController {

    /**
     * @param name login name
     * @param roles roles without the ROLE_ prefix
     * @param unit service unit (供电所 / 营业厅), null when none
     * @param demo whether it is a demo user of the default profile
     */
    record DirectoryUser(String name, List<String> roles, String unit, boolean demo) {}

    private final HubSecurityProperties properties;
    private final UserDetailsService logins;
    private final UserUnits units;

    UserDirectoryController(HubSecurityProperties properties, UserDetailsService logins, UserUnits units) {
        this.properties = properties;
        this.logins = logins;
        this.units = units;
    }

    @GetMapping("/api/admin/users")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Users with their roles and service units, from configuration (admins)")
    List<DirectoryUser> users() {
        List<DirectoryUser> out = new ArrayList<>();
        if (properties.demoUsers()) {
            SecurityConfiguration.DEMO_ROLES.keySet().forEach(n -> add(out, n, true));
        }
        properties.users().forEach(u -> add(out, u.name(), false));
        return out;
    }

    private void add(List<DirectoryUser> out, String name, boolean demo) {
        try {
            List<String> roles = logins.loadUserByUsername(name).getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).map(a -> a.replaceFirst("^ROLE_", "")).sorted().toList();
            out.add(new DirectoryUser(name, roles, units.unitOf(name).orElse(null), demo));
        } catch (UsernameNotFoundException e) {
            // a demo name the login service does not have (demo users changed): not a user
        }
    }
}

package io.gridhub.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users of the hub (keys {@code hub.security.*}).
 *
 * @param demoUsers whether the demo users (cm, pm, gis, dispatcher, admin; password = name + "123") exist
 * @param users configured users, with BCrypt password hashes ({bcrypt}…)
 */
@ConfigurationProperties("hub.security")
public record HubSecurityProperties(boolean demoUsers, List<User> users) {

    public HubSecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * A configured user.
     *
     * @param name login name
     * @param password password hash in Spring's delegating format, e.g. {@code {bcrypt}$2a$10$…}
     * @param roles the roles, see {@link HubRole}
     * @param unit the service unit (供电所 / 营业厅) the user works for; customer managers act on its cases only
     */
    public record User(String name, String password, List<HubRole> roles, String unit) {}
}

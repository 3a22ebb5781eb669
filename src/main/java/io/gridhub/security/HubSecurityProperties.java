package io.gridhub.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users of the hub (keys {@code hub.security.*}).
 *
 * @param demoUsers whether the demo users (cm, pm, gis, dispatcher, admin; password = name + "123") exist
 * @param users configured users, with BCrypt password hashes ({bcrypt}…)
 * @param loginThrottle how repeated wrong passwords lock a login name
 */
@ConfigurationProperties("hub.security")
public record HubSecurityProperties(boolean demoUsers, List<User> users, Throttle loginThrottle) {

    public HubSecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        loginThrottle = loginThrottle == null ? new Throttle(null, null, null) : loginThrottle;
    }

    /**
     * Login throttling.
     *
     * @param maxFailures wrong passwords for one login name that lock it
     * @param window the time within which they count
     * @param lockFor how long the name stays locked
     */
    public record Throttle(Integer maxFailures, java.time.Duration window, java.time.Duration lockFor) {

        public Throttle {
            maxFailures = maxFailures == null ? 5 : maxFailures;
            window = window == null ? java.time.Duration.ofMinutes(15) : window;
            lockFor = lockFor == null ? java.time.Duration.ofMinutes(15) : lockFor;
        }
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

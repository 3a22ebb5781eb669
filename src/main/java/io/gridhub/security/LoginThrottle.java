package io.gridhub.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Login throttling (登录限流): after {@code maxFailures} wrong passwords for one login name within
 * {@code window}, that name is locked for {@code lockFor}, the right password included, so that a
 * password cannot be guessed at the speed of HTTP Basic. Counted per login name (known or not), in
 * memory per hub instance; a successful login clears the count.
 */
final class LoginThrottle implements UserDetailsService {

    private record Failures(int count, Instant first, Instant lockedUntil) {}

    private final UserDetailsService users;
    private final HubSecurityProperties.Throttle policy;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(UserDetailsService users, HubSecurityProperties.Throttle policy, Clock clock) {
        this.users = users;
        this.policy = policy;
        this.clock = clock;
    }

    /** The user, marked locked while its name is throttled (the authentication provider then refuses it). */
    @Override
    public UserDetails loadUserByUsername(String username) throws UsernameNotFoundException {
        UserDetails user = users.loadUserByUsername(username);
        if (!locked(username)) {
            return user;
        }
        return User.withUserDetails(user).accountLocked(true).build();
    }

    boolean locked(String username) {
        Failures f = failures.get(key(username));
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        Instant now = clock.instant();
        failures.compute(key(event.getAuthentication().getName()), (k, f) -> {
            if (f == null || f.lockedUntil() != null && !now.isBefore(f.lockedUntil())
                    || Duration.between(f.first(), now).compareTo(policy.window()) > 0) {
                f = new Failures(0, now, null);
            }
            int count = f.count() + 1;
            return new Failures(count, f.first(), count >= policy.maxFailures() ? now.plus(policy.lockFor()) : f.lockedUntil());
        });
        if (failures.size() > 100_000) { // names tried at random must not fill the memory
            failures.entrySet().removeIf(e -> e.getValue().lockedUntil() == null);
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        failures.remove(key(event.getAuthentication().getName()));
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}

package io.gridhub.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * Authenticates the two kinds of broker users of the embedded broker, the hub itself and the
 * marketing MIS, from configuration, and authorises them by role. Artemis' default JAAS manager
 * would need a login.config on disk; the hub has exactly two principals, so it checks them here.
 */
final class BrokerSecurityManager implements ActiveMQSecurityManager {

    private record Account(String password, String role) {}

    private final Map<String, Account> accounts;

    BrokerSecurityManager(String hubUser, String hubPassword, String misUser, String misPassword) {
        if (hubUser.equals(misUser)) {
            throw new IllegalArgumentException("the MIS broker user must differ from the hub's own (" + hubUser + ")");
        }
        this.accounts = Map.of(
                hubUser, new Account(hubPassword, BrokerProperties.HUB_ROLE),
                misUser, new Account(misPassword, BrokerProperties.MIS_ROLE));
    }

    @Override
    public boolean validateUser(String user, String password) {
        return account(user, password) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        Account account = account(user, password);
        if (account == null) {
            return false;
        }
        return roles.stream().anyMatch(r -> r.getName().equals(account.role()) && checkType.hasRole(r));
    }

    private Account account(String user, String password) {
        if (user == null || password == null) {
            return null;
        }
        Account account = accounts.get(user);
        if (account == null) {
            return null;
        }
        boolean same = MessageDigest.isEqual(
                account.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        return same ? account : null;
    }
}

package io.gridhub.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * Authenticates the broker users of the embedded broker, the hub itself, the marketing MIS and the
 * production GIS, from configuration, and authorises them by role. Artemis' default JAAS manager
 * would need a login.config on disk; the hub has three principals, so it checks them here.
 */
final class BrokerSecurityManager implements ActiveMQSecurityManager {

    private record Account(String password, String role) {}

    private final Map<String, Account> accounts;

    BrokerSecurityManager(String hubUser, String hubPassword, String misUser, String misPassword) {
        this(hubUser, hubPassword, misUser, misPassword, "", null);
    }

    /** With the production GIS's account too, unless {@code gisUser} is empty. */
    BrokerSecurityManager(String hubUser, String hubPassword, String misUser, String misPassword,
                          String gisUser, String gisPassword) {
        if (hubUser.equals(misUser)) {
            throw new IllegalArgumentException("the MIS broker user must differ from the hub's own (" + hubUser + ")");
        }
        if (!gisUser.isEmpty() && (gisUser.equals(hubUser) || gisUser.equals(misUser))) {
            throw new IllegalArgumentException("the GIS broker user must differ from the hub's and the MIS's (" + gisUser + ")");
        }
        Map<String, Account> a = new java.util.HashMap<>();
        a.put(hubUser, new Account(hubPassword, BrokerProperties.HUB_ROLE));
        a.put(misUser, new Account(misPassword, BrokerProperties.MIS_ROLE));
        if (!gisUser.isEmpty()) {
            a.put(gisUser, new Account(gisPassword, BrokerProperties.GIS_ROLE));
        }
        this.accounts = Map.copyOf(a);
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

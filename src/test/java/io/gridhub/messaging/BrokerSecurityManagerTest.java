package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.junit.jupiter.api.Test;

class BrokerSecurityManagerTest {

    private final BrokerSecurityManager manager = new BrokerSecurityManager("gridhub", "h", "mis", "m");
    private final Role misSend = new Role("mis", true, false, false, false, false, false, false, false, false, false);

    @Test
    void knowsBothUsersAndNoOneElse() {
        assertThat(manager.validateUser("gridhub", "h")).isTrue();
        assertThat(manager.validateUser("mis", "m")).isTrue();
        assertThat(manager.validateUser("mis", "h")).isFalse();
        assertThat(manager.validateUser("guest", "")).isFalse();
        assertThat(manager.validateUser(null, null)).isFalse();
    }

    @Test
    void authorisesByRoleAndPermission() {
        assertThat(manager.validateUserAndRole("mis", "m", Set.of(misSend), CheckType.SEND)).isTrue();
        assertThat(manager.validateUserAndRole("mis", "m", Set.of(misSend), CheckType.CONSUME)).isFalse();
        assertThat(manager.validateUserAndRole("gridhub", "h", Set.of(misSend), CheckType.SEND)).isFalse();
        assertThat(manager.validateUserAndRole("mis", "wrong", Set.of(misSend), CheckType.SEND)).isFalse();
    }

    @Test
    void theMisCannotShareTheHubsIdentity() {
        assertThatThrownBy(() -> new BrokerSecurityManager("x", "a", "x", "b")).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/**
 * A real embedded Artemis whose MIS acceptor port is taken: Artemis itself only logs AMQ229230 and
 * runs on, the guard refuses; and an acceptor that stops later turns health DOWN.
 */
class MisAcceptorGuardTest {

    private static EmbeddedActiveMQ broker(int port) throws Exception {
        Configuration c = new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .setJMXManagementEnabled(false).addAcceptorConfiguration("in-vm", "vm://0");
        c.addAcceptorConfiguration(MisAcceptorGuard.ACCEPTOR, "tcp://127.0.0.1:" + port + "?protocols=CORE");
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ().setConfiguration(c);
        embedded.start();
        return embedded;
    }

    private static BrokerProperties properties(int port) {
        return BrokerProperties.defaults("127.0.0.1", port, 1000);
    }

    @Test
    void aTakenPortStopsTheHubInsteadOfLettingTheMisReachSomethingElse() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = squatter.getLocalPort();
            EmbeddedActiveMQ embedded = broker(port);
            try {
                assertThat(embedded.getActiveMQServer().isStarted()).as("Artemis runs on regardless").isTrue();
                MisAcceptorGuard guard = new MisAcceptorGuard(embedded.getActiveMQServer(), properties(port));
                assertThatThrownBy(guard::requireListening).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("not starting");
                assertThat(guard.health().getStatus()).isEqualTo(Status.DOWN);
            } finally {
                embedded.stop();
            }
        }
    }

    @Test
    void anAcceptorThatStopsIsReportedDown() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        EmbeddedActiveMQ embedded = broker(port);
        try {
            MisAcceptorGuard guard = new MisAcceptorGuard(embedded.getActiveMQServer(), properties(port));
            guard.requireListening();
            assertThat(guard.health().getStatus()).isEqualTo(Status.UP);
            embedded.getActiveMQServer().getRemotingService().getAcceptor(MisAcceptorGuard.ACCEPTOR).stop();
            assertThat(guard.health().getStatus()).isEqualTo(Status.DOWN);
        } finally {
            embedded.stop();
        }
    }
}

package io.gridhub.messaging;

import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether the embedded broker's MIS acceptor listens. Artemis only logs AMQ229230 when the port is
 * taken and carries on, so the MIS would reach whatever else listens there while the hub reported UP:
 * the hub refuses to start instead ({@link #requireListening()}), and reports DOWN (health component
 * {@code misAcceptor}) if the acceptor stops later.
 */
class MisAcceptorGuard implements HealthIndicator {

    /** Name of the MIS acceptor in the broker's configuration. */
    static final String ACCEPTOR = "mis";

    private final ActiveMQServer server;
    private final String where;

    MisAcceptorGuard(ActiveMQServer server, BrokerProperties broker) {
        this.server = server;
        this.where = broker.host() + ":" + broker.port();
    }

    /** @throws IllegalStateException when the acceptor is not listening */
    void requireListening() {
        if (!listening()) {
            throw new IllegalStateException("the broker cannot accept the marketing MIS on " + where
                    + " (port in use or address not available, see AMQ229230 above): not starting, so that "
                    + "the MIS does not reach whatever else listens there (hub.broker.host/port, HUB_BROKER_PORT)");
        }
    }

    boolean listening() {
        if (server == null || !server.isStarted() || server.getRemotingService() == null) {
            return false;
        }
        Acceptor acceptor = server.getRemotingService().getAcceptor(ACCEPTOR);
        if (acceptor == null || !acceptor.isStarted()) {
            return false;
        }
        // a Netty acceptor whose bind failed still says it is started: ask for the port it holds
        try {
            return !(acceptor instanceof NettyAcceptor netty) || netty.getActualPort() > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Health health() {
        return (listening() ? Health.up() : Health.down()).withDetail("acceptor", where).build();
    }
}

package io.gridhub.messaging;

import jakarta.jms.JMSException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Spring Boot's {@link CachingConnectionFactory}, except that it keeps its connection when the
 * Artemis client reports a <b>completed</b> failover to the backup of an HA pair.
 *
 * <p>With a failover URL ({@code (tcp://primary,tcp://backup)?ha=true&reconnectAttempts=-1}) the
 * Artemis client moves the connection, its sessions and consumers to the backup by itself when the
 * primary dies, and then still calls the connection's ExceptionListener, with the error code
 * {@link ActiveMQConnection#EXCEPTION_FAILOVER} ("FAILOVER"). The caching factory took that for a broken
 * connection and reset it: it closed the connection that had just failed over, every cached session
 * with it, and the listener containers found their consumers closed and waited for their recovery
 * (up to Camel's 5 s {@code recoveryInterval}) before consuming again. Here a completed failover is
 * logged and the connection kept; any other exception ("DISCONNECT": reconnection given up, as with
 * the single broker's {@code reconnectAttempts=0}) still resets it, as before.
 */
class FailoverKeepingConnectionFactory extends CachingConnectionFactory {

    private static final Logger log = LoggerFactory.getLogger(FailoverKeepingConnectionFactory.class);

    /**
     * The same target and cache settings as {@code configured}, which Spring Boot built (it sets no
     * client id or exception listener; reconnecting on exception is on, as in every caching factory).
     */
    FailoverKeepingConnectionFactory(CachingConnectionFactory configured) {
        super(configured.getTargetConnectionFactory());
        setSessionCacheSize(configured.getSessionCacheSize());
        setCacheConsumers(configured.isCacheConsumers());
        setCacheProducers(configured.isCacheProducers());
    }

    @Override
    public void onException(JMSException ex) {
        if (ActiveMQConnection.EXCEPTION_FAILOVER.equals(ex.getErrorCode())) {
            log.warn("broker connection failed over to the other broker of the HA pair; connection and sessions kept ({})",
                    ex.getMessage());
            return;
        }
        super.onException(ex);
    }
}

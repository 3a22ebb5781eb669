package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.junit.jupiter.api.Test;
import org.springframework.jms.connection.CachingConnectionFactory;

/** A completed failover keeps the shared connection; a lost connection is still reset. */
class FailoverKeepingConnectionFactoryTest {

    @Test
    void aCompletedFailoverKeepsTheConnectionAndADisconnectResetsIt() throws Exception {
        ConnectionFactory target = mock(ConnectionFactory.class);
        Connection first = mock(Connection.class);
        Connection second = mock(Connection.class);
        when(target.createConnection()).thenReturn(first, second);
        CachingConnectionFactory configured = new CachingConnectionFactory(target);
        configured.setSessionCacheSize(7);
        configured.setCacheConsumers(false);
        FailoverKeepingConnectionFactory factory = new FailoverKeepingConnectionFactory(configured);
        factory.afterPropertiesSet();
        assertThat(factory.getSessionCacheSize()).isEqualTo(7);
        assertThat(factory.isCacheConsumers()).isFalse();

        factory.createConnection().start();
        factory.onException(new JMSException("failed over", ActiveMQConnection.EXCEPTION_FAILOVER));
        factory.createConnection().start();
        verify(target, times(1)).createConnection();
        verify(first, times(0)).close();

        factory.onException(new JMSException("gone", ActiveMQConnection.EXCEPTION_DISCONNECT));
        factory.createConnection().start();
        verify(first).close();
        verify(target, times(2)).createConnection();
        factory.destroy();
    }
}

package io.gridhub.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Broker settings of the hub (keys {@code hub.broker.*}); the connection itself is Spring Boot's
 * {@code spring.artemis.*}.
 *
 * @param host interface the embedded broker listens on for the marketing MIS
 * @param port port of that acceptor
 * @param misUser user name the marketing MIS logs in with
 * @param misPassword its password
 * @param maxDeliveryAttempts deliveries of a failing message before it is dead-lettered
 * @param requestQueue queue on which the MIS sends IEC 61968-100 requests
 * @param defaultReplyQueue queue for replies to requests that name no reply address
 * @param gridChangedTopic topic announcing grid changes after a feed run
 * @param eventsAddress queue of the events the hub tells the MIS (the outbox's default address)
 * @param redeliveryDelayMs first wait before a failed message is delivered again (doubling, at most 30 s)
 */
@ConfigurationProperties("hub.broker")
public record BrokerProperties(
        String host,
        int port,
        String misUser,
        String misPassword,
        int maxDeliveryAttempts,
        String requestQueue,
        String defaultReplyQueue,
        String gridChangedTopic,
        String eventsAddress,
        long redeliveryDelayMs) {

    /** Address that receives messages that failed {@link #maxDeliveryAttempts} times. */
    public static final String DEAD_LETTER_ADDRESS = "gridhub.DLQ";
    /** Address that receives expired messages. */
    public static final String EXPIRY_ADDRESS = "gridhub.ExpiryQueue";
    /** Role of the hub's own connections: the addresses the hub uses, nothing else. */
    public static final String HUB_ROLE = "hub";
    /** Role of the marketing MIS: send requests, read its replies and events. */
    public static final String MIS_ROLE = "mis";
}

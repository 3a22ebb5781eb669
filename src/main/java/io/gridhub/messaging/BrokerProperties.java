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
 * @param gisUser user name the production GIS logs in with to read the service points connected at
 *        power-on (empty: no GIS account, the queue fills until one is configured)
 * @param gisPassword its password
 * @param gisEditsAddress queue of the edits the hub asks of the GIS ({@code created UsagePoint})
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
        long redeliveryDelayMs,
        String gisUser,
        String gisPassword,
        String gisEditsAddress) {

    public BrokerProperties {
        gisUser = gisUser == null ? "" : gisUser.strip();
        gisEditsAddress = gisEditsAddress == null || gisEditsAddress.isBlank() ? "gridhub.gis.edits" : gisEditsAddress;
        if (!gisUser.isEmpty() && (gisPassword == null || gisPassword.isEmpty())) {
            throw new IllegalArgumentException("hub.broker.gis-password is required with hub.broker.gis-user");
        }
    }

    /** The settings of the MIS-facing broker as {@code application.yml} ships them (tests, the properties file). */
    public static BrokerProperties defaults(String host, int port, long redeliveryDelayMs) {
        return new BrokerProperties(host, port, "mis", "mis", 5, "gridhub.requests", "gridhub.replies.mis",
                "gridhub.grid.changed", "gridhub.events.mis", redeliveryDelayMs, "gis", "gis", "gridhub.gis.edits");
    }

    /** Address that receives messages that failed {@link #maxDeliveryAttempts} times. */
    public static final String DEAD_LETTER_ADDRESS = "gridhub.DLQ";
    /** Address that receives expired messages. */
    public static final String EXPIRY_ADDRESS = "gridhub.ExpiryQueue";
    /** Role of the hub's own connections: the addresses the hub uses, nothing else. */
    public static final String HUB_ROLE = "hub";
    /** Role of the marketing MIS: send requests, read its replies and events. */
    public static final String MIS_ROLE = "mis";
    /** Role of the production GIS: read the edits the hub asks of it, nothing else. */
    public static final String GIS_ROLE = "gis";
}

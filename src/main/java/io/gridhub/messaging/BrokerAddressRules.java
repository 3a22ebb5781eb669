package io.gridhub.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The MIS address rules of the broker, in one place for both broker modes: who may do what on which
 * address (security settings by role) and how each address behaves (auto-creation, redelivery,
 * dead-letter, expiry). The embedded broker is configured from this; for an external broker the same
 * rules are written as a broker properties file ({@link BrokerPropertiesFile}).
 *
 * <ul>
 * <li>the MIS sends requests, reads replies and events; it may create addresses only under
 *     {@code gridhub.replies.} (its own reply queues), nowhere else;</li>
 * <li>the production GIS reads the edits the hub asks of it ({@code gridhub.gis.edits}), nothing else;</li>
 * <li>the hub consumes requests, sends replies and events, sends and subscribes to the grid-changed
 *     topic, and reads the dead-letter and expiry queues, and nothing else (no {@code #} grant);</li>
 * <li>nothing is auto-created outside {@code gridhub.replies.#}: a message to an unknown address is
 *     refused, not silently dropped or parked on a new queue.</li>
 * </ul>
 */
final class BrokerAddressRules {

    static final String REPLIES = "gridhub.replies.#";

    private BrokerAddressRules() {
    }

    /** Security settings: address match → roles with their permissions. */
    static Map<String, Set<Role>> security(BrokerProperties broker) {
        Map<String, Set<Role>> s = new LinkedHashMap<>();
        s.put("#", Set.of());
        s.put(broker.requestQueue(), Set.of(
                role(BrokerProperties.HUB_ROLE, CheckType.CONSUME, CheckType.BROWSE),
                role(BrokerProperties.MIS_ROLE, CheckType.SEND)));
        s.put(REPLIES, Set.of(
                role(BrokerProperties.HUB_ROLE, CheckType.SEND, CheckType.CREATE_ADDRESS, CheckType.CREATE_DURABLE_QUEUE),
                role(BrokerProperties.MIS_ROLE, CheckType.CONSUME, CheckType.BROWSE, CheckType.CREATE_ADDRESS,
                        CheckType.CREATE_DURABLE_QUEUE, CheckType.CREATE_NON_DURABLE_QUEUE,
                        CheckType.DELETE_NON_DURABLE_QUEUE)));
        s.put("gridhub.events.#", Set.of(
                role(BrokerProperties.HUB_ROLE, CheckType.SEND),
                role(BrokerProperties.MIS_ROLE, CheckType.CONSUME, CheckType.BROWSE)));
        s.put(broker.gridChangedTopic(), Set.of(
                role(BrokerProperties.HUB_ROLE, CheckType.SEND, CheckType.CONSUME, CheckType.CREATE_NON_DURABLE_QUEUE,
                        CheckType.DELETE_NON_DURABLE_QUEUE),
                role(BrokerProperties.MIS_ROLE, CheckType.CONSUME, CheckType.CREATE_NON_DURABLE_QUEUE,
                        CheckType.DELETE_NON_DURABLE_QUEUE, CheckType.CREATE_DURABLE_QUEUE)));
        s.put(broker.gisEditsAddress(), Set.of(
                role(BrokerProperties.HUB_ROLE, CheckType.SEND),
                role(BrokerProperties.GIS_ROLE, CheckType.CONSUME, CheckType.BROWSE)));
        for (String q : new String[] {BrokerProperties.DEAD_LETTER_ADDRESS, BrokerProperties.EXPIRY_ADDRESS}) {
            s.put(q, Set.of(role(BrokerProperties.HUB_ROLE, CheckType.CONSUME, CheckType.BROWSE, CheckType.SEND)));
        }
        return s;
    }

    /** Address settings: address match → settings. */
    static Map<String, AddressSettings> addresses(BrokerProperties broker) {
        Map<String, AddressSettings> a = new LinkedHashMap<>();
        a.put("#", new AddressSettings().setAutoCreateAddresses(false).setAutoCreateQueues(false));
        a.put("gridhub.#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(BrokerProperties.DEAD_LETTER_ADDRESS))
                .setExpiryAddress(SimpleString.of(BrokerProperties.EXPIRY_ADDRESS))
                .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                .setRedeliveryDelay(broker.redeliveryDelayMs())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(30_000)
                .setAutoCreateAddresses(false)
                .setAutoCreateQueues(false));
        // reply queues are point-to-point whoever creates them first (an AMQP or STOMP receiver would
        // otherwise make a multicast address the hub's replies cannot be sent to)
        a.put(REPLIES, new AddressSettings().setAutoCreateAddresses(true).setAutoCreateQueues(true)
                .setDefaultAddressRoutingType(RoutingType.ANYCAST).setDefaultQueueRoutingType(RoutingType.ANYCAST));
        return a;
    }

    /** Durable anycast queues declared up front (Artemis drops messages to an address without a queue). */
    static String[] queues(BrokerProperties broker) {
        return new String[] {broker.requestQueue(), broker.defaultReplyQueue(), broker.eventsAddress(),
                broker.gisEditsAddress(), BrokerProperties.DEAD_LETTER_ADDRESS, BrokerProperties.EXPIRY_ADDRESS};
    }

    static Role role(String name, CheckType... allowed) {
        Set<CheckType> a = Set.of(allowed);
        return new Role(name, a.contains(CheckType.SEND), a.contains(CheckType.CONSUME),
                a.contains(CheckType.CREATE_DURABLE_QUEUE), a.contains(CheckType.DELETE_DURABLE_QUEUE),
                a.contains(CheckType.CREATE_NON_DURABLE_QUEUE), a.contains(CheckType.DELETE_NON_DURABLE_QUEUE),
                a.contains(CheckType.MANAGE), a.contains(CheckType.BROWSE),
                a.contains(CheckType.CREATE_ADDRESS), a.contains(CheckType.DELETE_ADDRESS),
                a.contains(CheckType.VIEW), a.contains(CheckType.EDIT));
    }
}

package io.gridhub.messaging;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The MIS address rules of {@link BrokerAddressRules} as an Artemis broker properties file, for an
 * external broker (native mode): {@code artemis run} applies {@code etc/broker.properties} on top of
 * {@code broker.xml}. The shipped copy is {@code config/artemis/broker.properties} (written by
 * {@link #main}, checked against this class by a test); the README says how to install it.
 */
public final class BrokerPropertiesFile {

    private static final Set<String> DISPLAY_DEFAULTS = Set.of("slowConsumerThresholdMeasurementUnit",
            "managementBrowsePageSize");

    private BrokerPropertiesFile() {
    }

    public static String write(BrokerProperties broker) {
        StringBuilder out = new StringBuilder("""
                # GridHub's MIS address rules for an external ActiveMQ Artemis 2.40 broker (native mode).
                # Copy to <broker-instance>/etc/broker.properties; `artemis run` applies it over broker.xml.
                # Users: the hub's own user in role 'hub', the marketing MIS's in role 'mis'
                # (artemis user add --user mis --password … --role mis). Generated from
                # io.gridhub.messaging.BrokerAddressRules by BrokerPropertiesFile.main; do not edit by hand.
                """);
        out.append("\n# who may do what where\n");
        for (Map.Entry<String, Set<Role>> e : BrokerAddressRules.security(broker).entrySet()) {
            for (Role r : e.getValue().stream().sorted(Comparator.comparing(Role::getName)).toList()) {
                for (CheckType t : CheckType.values()) {
                    if (t.hasRole(r)) {
                        out.append("securityRoles.\"").append(e.getKey()).append("\".").append(r.getName()).append('.')
                                .append(permission(t)).append("=true\n");
                    }
                }
            }
        }
        out.append("\n# auto-creation, redelivery, dead-letter and expiry\n");
        for (Map.Entry<String, AddressSettings> e : BrokerAddressRules.addresses(broker).entrySet()) {
            // only what the rules set (toJSON leaves out unset fields, bar two display defaults)
            JsonNode set = readJson(e.getValue().toJSON());
            for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!DISPLAY_DEFAULTS.contains(f.getKey())) {
                    out.append("addressesSettings.\"").append(e.getKey()).append("\".").append(f.getKey()).append('=')
                            .append(f.getValue().asText()).append('\n');
                }
            }
        }
        out.append("\n# the hub's addresses, declared up front\n");
        for (String q : BrokerAddressRules.queues(broker)) {
            String p = "addressConfigurations.\"" + q + "\".";
            out.append(p).append("routingTypes=ANYCAST\n");
            out.append(p).append("queueConfigs.\"").append(q).append("\".routingType=ANYCAST\n");
            out.append(p).append("queueConfigs.\"").append(q).append("\".address=").append(q).append('\n');
        }
        out.append("addressConfigurations.\"").append(broker.gridChangedTopic()).append("\".routingTypes=MULTICAST\n");
        return out.toString();
    }

    private static String permission(CheckType t) {
        String[] words = t.name().toLowerCase().split("_");
        StringBuilder s = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            s.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return s.toString();
    }

    private static JsonNode readJson(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the file for the default configuration (application.yml's defaults). */
    public static void main(String[] args) throws Exception {
        BrokerProperties defaults = BrokerProperties.defaults("127.0.0.1", 61616, 1000);
        java.nio.file.Path target = java.nio.file.Path.of(args.length > 0 ? args[0] : "config/artemis/broker.properties");
        java.nio.file.Files.createDirectories(target.getParent());
        java.nio.file.Files.writeString(target, write(defaults));
    }

}

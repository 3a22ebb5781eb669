package io.gridhub.messaging.iec61968;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The Header of an IEC 61968-100 message. {@code verb} and {@code noun} are required; the rest
 * is optional (null or empty when absent).
 *
 * @param verb what is asked or told (get, create, created, reply…)
 * @param noun the kind of object the message is about, e.g. {@code GridSummary}
 * @param revision version of the noun's schema
 * @param timestamp when the message was sent
 * @param source the sending system
 * @param replyAddress where the reply should go (a queue name), when not given by JMSReplyTo
 * @param messageId the sender's id of this message
 * @param correlationId the id of the request a reply answers
 * @param userId the user on whose behalf the message was sent
 * @param organization that user's organisation
 * @param comment free text
 * @param properties name/value pairs
 */
public record Header(
        String verb,
        String noun,
        String revision,
        OffsetDateTime timestamp,
        String source,
        String replyAddress,
        String messageId,
        String correlationId,
        String userId,
        String organization,
        String comment,
        List<Property> properties) {

    /** Verbs that IEC 61968-100 defines. */
    public static final List<String> VERBS = List.of(
            "get", "create", "change", "delete", "cancel", "close", "execute",
            "created", "changed", "deleted", "canceled", "closed", "executed", "reply");

    public Header {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(noun, "noun");
        properties = properties == null ? List.of() : List.copyOf(properties);
    }

    /** A header with only the required fields. */
    public static Header of(String verb, String noun) {
        return new Header(verb, noun, null, null, null, null, null, null, null, null, null, List.of());
    }

    /** The value of the named property, or null. */
    public String property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).map(Property::value).findFirst().orElse(null);
    }

    /** A name/value pair of the header. */
    public record Property(String name, String value) {}
}

package io.gridhub.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.outbox.OutboundMessage;
import io.gridhub.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * A changing request handler for the messaging tests (noun {@code HubProbe}), found by the hub's
 * component scan on the test classpath only. It does real database work in the dispatcher's
 * transaction (an outbox event, as a capability would) and then fails as told by the payload:
 * {@code <Fail>invalid</Fail>} (content error: FAILED reply, work undone) or
 * {@code <Fail>transient</Fail>} (anything else: rolled back, redelivered, dead-lettered).
 */
@Component
class ProbeRequestHandler implements MisRequestHandler {

    static final String NOUN = "HubProbe";
    private static final Pattern FAIL = Pattern.compile("<(?:\\w+:)?Fail>(\\w+)<");
    private static final Pattern KEY = Pattern.compile("<(?:\\w+:)?Key>([^<]+)<");

    /** Deliveries handled per probe key, failed ones included (a rolled-back attempt is counted too). */
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    private final Outbox outbox;

    ProbeRequestHandler(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String noun() {
        return NOUN;
    }

    @Override
    public boolean handles(String verb) {
        return !verb.equals("get");
    }

    /** How many times the hub has handled the probe with this key so far (every delivery, failed or not). */
    static int attempts(String key) {
        AtomicInteger n = ATTEMPTS.get(key);
        return n == null ? 0 : n.get();
    }

    static String payload(String key, String fail) {
        return "<Probe xmlns=\"urn:gridhub:test:probe\"><Key>" + key + "</Key><Fail>" + fail + "</Fail></Probe>";
    }

    @Override
    public Answer handle(MessageEnvelope request) {
        String text = request.json() ? request.payloadJson() : String.valueOf(request.payloadXml());
        Matcher key = KEY.matcher(text);
        String probe = key.find() ? key.group(1) : "probe";
        ATTEMPTS.computeIfAbsent(probe, k -> new AtomicInteger()).incrementAndGet();
        outbox.append(new OutboundMessage(OutboundMessage.newId(), null, probe,
                "created", NOUN, request.header().messageId(), null));
        Matcher fail = FAIL.matcher(text);
        String how = fail.find() ? fail.group(1) : "none";
        if (how.equals("invalid")) {
            throw new IllegalArgumentException("Probe/Fail asks for a content error");
        }
        if (how.equals("transient")) {
            throw new IllegalStateException("Probe/Fail asks for a transient failure");
        }
        return Answer.ok("<Probe xmlns=\"urn:gridhub:test:probe\"><Done>" + System.nanoTime() + "</Done></Probe>");
    }
}

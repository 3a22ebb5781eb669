package io.gridhub.cases;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridhub.messaging.MisRequestHandler;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import io.gridhub.messaging.iec61968.Reply;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The marketing MIS's side of a case: {@code create}, {@code change}, {@code cancel} and
 * {@code close ConnectionApplication}. Runs in the dispatcher's transaction (which also records the
 * MessageID for deduplication), so the change, its outbox messages and the dedup record commit
 * together. A change whose revision is not newer than the hub's gets an OK reply with a
 * STALE_REVISION warning and changes nothing; a conflict (the case exists, is closed…) a FAILED
 * reply saying which state it is in; a bad payload or an unknown case a FAILED reply naming the field.
 */
@Component
class ConnectionApplicationRequestHandler implements MisRequestHandler {

    private final CaseService cases;
    private final ApplicationPayload payloads;
    private final ObjectMapper json;

    ConnectionApplicationRequestHandler(CaseService cases, ObjectMapper json, Validator validator) {
        this.cases = cases;
        this.json = json;
        this.payloads = new ApplicationPayload(json, validator);
    }

    @Override
    public String noun() {
        return CaseMessages.NOUN;
    }

    @Override
    public boolean handles(String verb) {
        return List.of("create", "change", "cancel", "close").contains(verb);
    }

    @Override
    @Transactional(noRollbackFor = {IllegalArgumentException.class, CaseConflictException.class})
    public Answer handle(MessageEnvelope request) {
        String verb = request.header().verb();
        boolean whole = verb.equals("create") || verb.equals("change");
        ApplicationPayload.Parsed p = payloads.read(request.payloadXml(), request.payloadJson(), whole);
        if (whole && !p.caseNo().equals(p.fields().caseNo())) {
            throw new io.gridhub.api.InvalidFieldException("caseNo", "differs between payload and application");
        }
        Actor mis = Actor.mis(request.header().messageId());
        ConnectionCase c;
        try {
            c = switch (verb) {
                case "create" -> cases.catchUp(cases.create(p.fields(), p.revision(), mis), p.stage(), mis);
                case "change" -> cases.catchUp(cases.change(p.fields(), p.revision(), mis), p.stage(), mis);
                case "cancel" -> cases.cancel(p.caseNo(), p.reason(), p.revision(), mis);
                case "close" -> cases.close(p.caseNo(), p.reason(), p.revision(), mis);
                default -> throw new IllegalArgumentException("verb " + verb + " is not handled");
            };
        } catch (StaleRevisionException stale) {
            ConnectionCase now = cases.read(p.caseNo());
            Reply reply = new Reply(Reply.Result.OK, List.of(new Reply.Error("STALE_REVISION", Reply.Level.WARNING,
                    stale.getMessage() + "; nothing was changed")));
            return answer(reply, now, request.json());
        } catch (CaseConflictException conflict) {
            return new Answer(Reply.failed("CONFLICT", conflict.getMessage()), null, null);
        }
        return answer(Reply.ok(), c, request.json());
    }

    private Answer answer(Reply reply, ConnectionCase c, boolean asJson) {
        String xml = CaseMessages.payload(c, null);
        String body = null;
        if (asJson) {
            try {
                body = json.writeValueAsString(Map.of(CaseMessages.NOUN, Map.of("caseNo", c.caseNo(),
                        "revision", c.revision(), "status", c.status(), "stage", c.stage(),
                        "serviceUnit", c.serviceUnit(), "requestedKva", c.requestedKva())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Answer(reply, xml, body);
    }
}

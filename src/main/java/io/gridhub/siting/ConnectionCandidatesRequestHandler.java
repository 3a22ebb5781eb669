package io.gridhub.siting;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import io.gridhub.api.InvalidFieldException;
import io.gridhub.messaging.MisRequestHandler;
import io.gridhub.messaging.iec61968.MessageEnvelope;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

/**
 * Answers {@code get ConnectionCandidates} from the marketing MIS: the same siting as
 * POST /api/siting/candidates, parameters as XML in the Request element, the answer as the
 * response payload. Bad parameters get a FAILED reply naming the field.
 */
@Component
class ConnectionCandidatesRequestHandler implements MisRequestHandler {

    static final String NOUN = "ConnectionCandidates";

    private final SitingService siting;
    private final Validator validator;

    ConnectionCandidatesRequestHandler(SitingService siting, Validator validator) {
        this.siting = siting;
        this.validator = validator;
    }

    @Override
    public String noun() {
        return NOUN;
    }

    @Override
    public Answer handle(MessageEnvelope request) {
        SitingRequest r = SitingXml.readRequest(request.requestXml());
        Set<ConstraintViolation<SitingRequest>> violations = validator.validate(r);
        if (!violations.isEmpty()) {
            ConstraintViolation<SitingRequest> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            throw new InvalidFieldException(first.getPropertyPath().toString(), violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        return Answer.ok(SitingXml.writeAnswer(siting.site(r)));
    }
}

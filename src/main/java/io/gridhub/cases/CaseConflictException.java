package io.gridhub.cases;

import java.util.Map;

/**
 * A request that the case or plan in its current state does not allow: HTTP 409 with a problem
 * document naming the current state ({@code properties}, e.g. {@code currentStage}).
 */
public class CaseConflictException extends RuntimeException {

    private final transient Map<String, Object> properties;

    public CaseConflictException(String detail, Map<String, Object> properties) {
        super(detail);
        this.properties = Map.copyOf(properties);
    }

    public Map<String, Object> properties() {
        return properties;
    }
}

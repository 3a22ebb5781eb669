package io.gridhub.cases;

/** An unknown case or plan: HTTP 404 naming the field, a FAILED reply over the broker. */
public class NotFoundException extends io.gridhub.api.InvalidFieldException {

    public NotFoundException(String field, String message) {
        super(field, message);
    }
}

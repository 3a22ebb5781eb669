package io.gridhub.cases;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The answers of the case and plan APIs besides 400 (which {@code api.ApiErrors} gives): 404 for
 * an unknown case or plan, 409 naming the current stage or status, 412 for a stale If-Match.
 * Ordered first so that a {@link NotFoundException} (an InvalidFieldException) is a 404, not a 400.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CaseApiErrors {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setProperty("field", e.field());
        p.setProperty("fields", List.of(e.field()));
        return p;
    }

    @ExceptionHandler(CaseConflictException.class)
    ProblemDetail conflict(CaseConflictException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        e.properties().forEach(p::setProperty);
        return p;
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ProblemDetail stale(PreconditionFailedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, e.getMessage());
        p.setProperty("currentVersion", e.currentVersion());
        return p;
    }
}

package io.gridhub.api;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Bad input to any HTTP API of the hub gets one answer: 400 with an RFC 9457 problem document
 * ({@code application/problem+json}) whose {@code detail} says what is wrong, {@code field} names
 * the first offending field or parameter and {@code fields} all of them. Covers the hub's own
 * {@link InvalidFieldException}, bean validation of request bodies, and bodies that are not JSON or
 * hold a value of the wrong type (an unknown enum value lists the known ones).
 */
@RestControllerAdvice
class ApiErrors {

    static ProblemDetail badRequest(String field, String detail, List<String> fields) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setProperty("field", field);
        p.setProperty("fields", fields);
        return p;
    }

    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException e) {
        return badRequest(e.field(), e.getMessage(), List.of(e.field()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField)).toList();
        String detail = errors.stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage()
                        + (f.getRejectedValue() == null ? "" : " (was " + f.getRejectedValue() + ")"))
                .collect(Collectors.joining("; "));
        List<String> fields = errors.stream().map(FieldError::getField).distinct().toList();
        return badRequest(fields.isEmpty() ? null : fields.get(0), detail, fields);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String detail;
            if (m instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
                detail = field + ": unknown value '" + f.getValue() + "'; expected one of "
                        + Arrays.toString(f.getTargetType().getEnumConstants());
            } else if (m instanceof InvalidFormatException f) {
                detail = field + ": '" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName();
            } else {
                detail = field + ": " + m.getOriginalMessage();
            }
            return badRequest(field, detail, List.of(field));
        }
        return badRequest(null, "the body is not valid JSON: " + (cause == null ? e.getMessage() : cause.getMessage()),
                List.of());
    }
}

package io.gridhub.siting;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.gridhub.capacity.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Bad siting and capacity-map input gets 400 with a message naming the field: missing or
 * non-numeric coordinates, a site outside the service area, negative or absurd capacity, unknown
 * enum values. Scoped to the siting and capacity controllers.
 */
@RestControllerAdvice(basePackages = {"io.gridhub.siting", "io.gridhub.capacity"})
class SitingErrorHandler {

    /**
     * The body of a 400.
     *
     * @param status 400
     * @param error "Bad Request"
     * @param field the first offending field
     * @param message what is wrong, naming the field
     * @param fields every offending field
     */
    record BadInput(int status, String error, String field, String message, List<String> fields) {
        static ResponseEntity<BadInput> of(String field, String message, List<String> fields) {
            return ResponseEntity.badRequest().body(new BadInput(400, HttpStatus.BAD_REQUEST.getReasonPhrase(),
                    field, message, fields));
        }
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<BadInput> invalidField(InvalidFieldException e) {
        return BadInput.of(e.field(), e.getMessage(), List.of(e.field()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<BadInput> invalid(MethodArgumentNotValidException e) {
        List<String> messages = e.getBindingResult().getFieldErrors().stream()
                .sorted(java.util.Comparator.comparing(org.springframework.validation.FieldError::getField))
                .map(f -> f.getField() + ": " + f.getDefaultMessage()
                        + (f.getRejectedValue() == null ? "" : " (was " + f.getRejectedValue() + ")"))
                .toList();
        List<String> fields = e.getBindingResult().getFieldErrors().stream()
                .map(org.springframework.validation.FieldError::getField).sorted().distinct().toList();
        return BadInput.of(fields.isEmpty() ? null : fields.get(0), String.join("; ", messages), fields);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<BadInput> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String message;
            if (m instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
                message = field + ": unknown value '" + f.getValue() + "'; expected one of "
                        + Arrays.toString(f.getTargetType().getEnumConstants());
            } else if (m instanceof InvalidFormatException f) {
                message = field + ": '" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName();
            } else {
                message = field + ": " + m.getOriginalMessage();
            }
            return BadInput.of(field, message, List.of(field));
        }
        return BadInput.of(null, "the body is not valid JSON: " + (cause == null ? e.getMessage() : cause.getMessage()),
                List.of());
    }
}

package io.gridhub.reconciliation;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gridhub.api.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The reconciliation API: GIS analysts and admins start runs and acknowledge findings; everyone
 * logged in reads runs and their findings (JSON pages, or the whole report as CSV or XLSX).
 */
@RestController
@RequestMapping("/api/reconciliation")
class ReconciliationController {

    private final ReconciliationService service;
    private final ReconciliationRepository repository;
    private final ReconciliationProperties properties;
    private final TransactionTemplate readOnly;

    ReconciliationController(ReconciliationService service, ReconciliationRepository repository,
                             ReconciliationProperties properties, PlatformTransactionManager transactions) {
        this.service = service;
        this.repository = repository;
        this.properties = properties;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** A page of a run's findings. */
    record FindingPage(UUID runId, String kind, String unit, int page, int size, long total, List<Finding> findings) {}

    @PostMapping("/runs")
    @PreAuthorize("hasAnyRole('GIS_ANALYST','ADMIN')")
    @Operation(summary = "Start a reconciliation run now (202 with the run id)")
    ResponseEntity<Map<String, Object>> start() {
        UUID id = service.start();
        String href = "/api/reconciliation/runs/" + id;
        return ResponseEntity.accepted().location(URI.create(href))
                .body(Map.of("runId", id.toString(), "status", "RUNNING", "href", href));
    }

    @GetMapping("/runs")
    @Operation(summary = "The latest runs, newest first (counts by kind, no trend); limit defaults to the trend length")
    List<ReconciliationRun> runs(@RequestParam(required = false) String limit) {
        int n = limit == null ? properties.trendRuns() : intParam("limit", limit, 1, properties.maxPageSize());
        return repository.latest(n);
    }

    @GetMapping("/runs/{runId}")
    @Operation(summary = "A run: status, counts by finding kind (found, new, fixed), trend of the latest runs")
    ReconciliationRun run(@PathVariable String runId) {
        return repository.find(uuid("runId", runId), properties.trendRuns())
                .orElseThrow(() -> new NotFound("no reconciliation run " + runId));
    }

    @GetMapping("/runs/{runId}/findings")
    @Operation(summary = "A page of a run's findings, by kind and service unit")
    FindingPage findings(@PathVariable String runId, @RequestParam(required = false) String kind,
                         @RequestParam(required = false) String unit, @RequestParam(defaultValue = "0") String page,
                         @RequestParam(required = false) String size) {
        UUID id = existing(runId);
        FindingKind k = kind(kind);
        int p = intParam("page", page, 0, Integer.MAX_VALUE);
        int s = size == null ? properties.defaultPageSize() : intParam("size", size, 1, properties.maxPageSize());
        return new FindingPage(id, k == null ? null : k.name(), blank(unit), p, s, repository.count(id, k, blank(unit)),
                repository.findings(id, k, blank(unit), s, (long) p * s));
    }

    @GetMapping("/runs/{runId}/findings.csv")
    @Operation(summary = "A run's findings as CSV (UTF-8)")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String runId, @RequestParam(required = false) String kind,
                                              @RequestParam(required = false) String unit) {
        UUID id = existing(runId);
        FindingKind k = kind(kind);
        StreamingResponseBody body = out -> readOnly.executeWithoutResult(st -> {
            try {
                FindingExport.csv(out, each -> repository.stream(id, k, blank(unit), each));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return download(body, "reconciliation-" + id + ".csv", new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
    }

    @GetMapping("/runs/{runId}/findings.xlsx")
    @Operation(summary = "A run's findings as an XLSX workbook")
    ResponseEntity<StreamingResponseBody> xlsx(@PathVariable String runId, @RequestParam(required = false) String kind,
                                               @RequestParam(required = false) String unit) {
        UUID id = existing(runId);
        FindingKind k = kind(kind);
        StreamingResponseBody body = out -> readOnly.executeWithoutResult(st -> {
            try {
                FindingExport.xlsx(out, "findings", each -> repository.stream(id, k, blank(unit), each));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return download(body, "reconciliation-" + id + ".xlsx",
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    @PostMapping("/findings/{findingId}/acknowledge")
    @PreAuthorize("hasAnyRole('GIS_ANALYST','ADMIN')")
    @Operation(summary = "Acknowledge an open finding (the GIS team has seen it); it stays until a run no longer finds it")
    Map<String, String> acknowledge(@PathVariable String findingId, Principal user) {
        UUID id = uuid("findingId", findingId);
        String status = repository.acknowledge(id, user.getName())
                .orElseThrow(() -> new NotFound("no finding " + findingId));
        if ("FIXED".equals(status)) {
            throw new Conflict("finding " + findingId + " is fixed already: the latest run no longer found it");
        }
        return Map.of("findingId", id.toString(), "status", status);
    }

    private static ResponseEntity<StreamingResponseBody> download(StreamingResponseBody body, String name, MediaType type) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(body);
    }

    private UUID existing(String runId) {
        UUID id = uuid("runId", runId);
        repository.find(id, 0).orElseThrow(() -> new NotFound("no reconciliation run " + runId));
        return id;
    }

    private static FindingKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return FindingKind.valueOf(kind.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("kind", "'" + kind + "' is not a finding kind; kinds: "
                    + java.util.Arrays.toString(FindingKind.values()));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static UUID uuid(String field, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "'" + text + "' is not an id (UUID)");
        }
    }

    private static int intParam(String field, String text, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "'" + text + "' is not a whole number");
        }
        if (v < min || v > max) {
            throw new InvalidFieldException(field, field + " must be between " + min + " and " + max);
        }
        return v;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message);
        }
    }
}

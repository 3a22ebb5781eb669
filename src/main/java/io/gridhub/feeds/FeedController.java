package io.gridhub.feeds;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gridhub.api.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Feeds, their runs and what the runs quarantined. Everyone logged in reads; GIS analysts and admins start runs. */
@RestController
@RequestMapping("/api/feeds")
@Tag(name = "feeds", description = "Grid feeds and their runs")
class FeedController {

    private final FeedCatalog catalog;
    private final FeedPolicy policy;
    private final FeedRunRepository runs;
    private final FeedRunService service;

    FeedController(FeedCatalog catalog, FeedPolicy policy, FeedRunRepository runs, FeedRunService service) {
        this.catalog = catalog;
        this.policy = policy;
        this.runs = runs;
        this.service = service;
    }

    /**
     * A feed as listed: never its credentials.
     *
     * @param id feed id
     * @param kind source kind
     * @param source URL or inbox folder
     * @param layer type name / collection
     * @param assetType asset type, or null for file feeds that name files after tables
     * @param mode FULL or INCREMENTAL
     * @param schedule cron expression, or null
     * @param enabled whether scheduled and watched
     * @param lastRun its latest run, or null
     */
    record FeedView(String id, FeedKind kind, String source, String layer, String assetType, FeedMode mode,
                    String schedule, boolean enabled, FeedRun lastRun) {}

    @GetMapping
    @Operation(summary = "Configured feeds with their last run")
    List<FeedView> feeds() {
        Map<String, FeedRun> last = runs.lastRuns();
        List<FeedView> views = new ArrayList<>();
        catalog.all().forEach((id, f) -> views.add(new FeedView(id, f.kind(),
                f.isFileDrop() ? FeedInboxes.inbox(id, f, policy).toString() : redact(f.url()), f.layer(),
                f.assetType() == null ? null : f.assetType().name(), f.effectiveMode(), f.schedule(), f.isEnabled(),
                last.get(id))));
        return views;
    }

    @PostMapping("/{feedId}/runs")
    @PreAuthorize("hasAnyRole('GIS_ANALYST','ADMIN')")
    @Operation(summary = "Start a run of a feed now (202 with the run id); force=true (GIS analysts only) lets a full"
            + " snapshot retire more than the retire guard allows")
    ResponseEntity<Map<String, Object>> start(@PathVariable String feedId,
                                              @RequestParam(defaultValue = "false") String force,
                                              Authentication user) {
        boolean forced = switch (force.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidFieldException("force", "'" + force + "' is not true or false");
        };
        if (forced && user.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals("ROLE_GIS_ANALYST"))) {
            // forcing a run past the retire guard is a judgement on the GIS data: its stewards make it
            throw new AccessDeniedException("only a GIS analyst may force a run past the retire guard");
        }
        UUID id = service.startManual(feedId, forced ? user.getName() : null);
        return ResponseEntity.accepted().location(URI.create("/api/feeds/runs/" + id))
                .body(Map.of("runId", id.toString(), "status", FeedRun.RUNNING, "href", "/api/feeds/runs/" + id));
    }

    @GetMapping("/runs/{runId}")
    @Operation(summary = "A run: status, counts (read, inserted, updated, unchanged, retired, quarantined), progress")
    FeedRun run(@PathVariable String runId) {
        return runs.find(runId(runId)).orElseThrow(() -> new NotFound("no run " + runId));
    }

    @GetMapping("/runs/{runId}/quarantine")
    @Operation(summary = "Records a run quarantined or flagged, with reasons and raw content")
    List<QuarantinedRecord> quarantine(@PathVariable String runId,
                                       @RequestParam(defaultValue = "100") String limit,
                                       @RequestParam(defaultValue = "0") String offset) {
        UUID id = runId(runId);
        runs.find(id).orElseThrow(() -> new NotFound("no run " + runId));
        return runs.quarantined(id, intParam("limit", limit, 1, 10_000), intParam("offset", offset, 0, Integer.MAX_VALUE));
    }

    private static UUID runId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("runId", "'" + text + "' is not a run id (UUID)");
        }
    }

    static int intParam(String field, String text, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "'" + text + "' is not a whole number");
        }
        if (v < min || v > max) {
            throw new InvalidFieldException(field, v + " is outside " + min + "–" + max);
        }
        return v;
    }

    private static String redact(String url) {
        return io.gridhub.feeds.source.Redaction.url(url);
    }

    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    @ExceptionHandler({UnknownFeedException.class, NotFound.class})
    ProblemDetail notFound(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(FeedBusyException.class)
    ProblemDetail busy(FeedBusyException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}

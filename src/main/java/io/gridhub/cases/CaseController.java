package io.gridhub.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Cases over HTTP: counter registration, lists, one case, stage moves. */
@RestController
@Tag(name = "cases", description = "New-connection cases (业扩工单) and their stages")
class CaseController {

    private final CaseService cases;
    private final Actors actors;

    CaseController(CaseService cases, Actors actors) {
        this.cases = cases;
        this.actors = actors;
    }

    @PostMapping("/api/cases")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a case at the counter (the MIS creates them over the broker)")
    ConnectionCase create(@Valid @RequestBody NewCase body, Authentication auth) {
        return cases.create(body, 0, actors.of(auth));
    }

    @GetMapping("/api/cases")
    @Operation(summary = "Cases visible to the caller, filtered, newest first, one page")
    CasePage list(@RequestParam(required = false) String stage, @RequestParam(required = false) String unit,
                  @RequestParam(required = false) String manager, @RequestParam(required = false) Boolean overdue,
                  @RequestParam(defaultValue = "0") int page, Authentication auth) {
        return cases.list(stage == null || stage.isBlank() ? null : Stage.parse(stage), blank(unit), blank(manager),
                overdue, page, actors.of(auth));
    }

    @GetMapping("/api/cases/{caseNo}")
    @Operation(summary = "One case with its stages, time limits and the stages it may move to")
    ConnectionCase get(@PathVariable String caseNo, Authentication auth) {
        return cases.get(caseNo, actors.of(auth));
    }

    @PostMapping("/api/cases/{caseNo}/stages/{stage}")
    @Operation(summary = "Move the case to a stage (409 naming the current stage when not allowed)")
    ConnectionCase advance(@PathVariable String caseNo, @PathVariable String stage,
                           @Valid @RequestBody(required = false) StageCommand body, Authentication auth) {
        return cases.advance(caseNo, Stage.parse(stage), body, actors.of(auth));
    }

    @GetMapping("/api/dispatch/warnings")
    @Operation(summary = "Open cases past their warning threshold or overdue, most urgent first (dispatchers)")
    java.util.List<CaseSummary> warnings(Authentication auth) {
        return cases.warnings(actors.of(auth));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

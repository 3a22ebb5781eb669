package io.gridhub.plans;

import java.util.List;

import io.gridhub.api.InvalidFieldException;
import io.gridhub.cases.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Supply plans over HTTP. Every answer carrying a plan has its version as ETag. */
@RestController
@Tag(name = "plans", description = "Supply plans (供电方案): draft, edit, confirm, withdraw, print")
class PlanController {

    private final PlanService plans;
    private final Actors actors;

    PlanController(PlanService plans, Actors actors) {
        this.plans = plans;
        this.actors = actors;
    }

    @PostMapping("/api/cases/{caseNo}/plans")
    @Operation(summary = "Draft a plan from a fresh siting answer (case at SITE_SURVEY or PLAN_REPLY)")
    ResponseEntity<SupplyPlan> draft(@PathVariable String caseNo, Authentication auth) {
        return withEtag(HttpStatus.CREATED, plans.draft(caseNo, actors.of(auth)));
    }

    @GetMapping("/api/cases/{caseNo}/plans")
    @Operation(summary = "Every plan of a case, oldest first")
    List<SupplyPlan> ofCase(@PathVariable String caseNo, Authentication auth) {
        return plans.ofCase(caseNo, actors.of(auth));
    }

    @GetMapping("/api/plans/{planId}")
    @Operation(summary = "A plan with its current content and version history")
    ResponseEntity<SupplyPlan> get(@PathVariable String planId, Authentication auth) {
        return withEtag(HttpStatus.OK, plans.get(planId, actors.of(auth)));
    }

    @PutMapping("/api/plans/{planId}")
    @Operation(summary = "Edit fields or switch candidate (If-Match: the version edited; 412 when stale)")
    ResponseEntity<SupplyPlan> edit(@PathVariable String planId,
                                    @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                    @Valid @RequestBody PlanEdit body, Authentication auth) {
        return withEtag(HttpStatus.OK, plans.edit(planId, version(ifMatch), body, actors.of(auth)));
    }

    @GetMapping("/api/plans/{planId}/versions/{version}")
    @Operation(summary = "The content of one version")
    PlanContent version(@PathVariable String planId, @PathVariable int version, Authentication auth) {
        return plans.version(planId, version, actors.of(auth));
    }

    @GetMapping("/api/plans/{planId}/compare")
    @Operation(summary = "The fields in which two versions differ")
    PlanComparison compare(@PathVariable String planId, @RequestParam int from, @RequestParam int to,
                           Authentication auth) {
        return plans.compare(planId, from, to, actors.of(auth));
    }

    @PostMapping("/api/plans/{planId}/confirm")
    @Operation(summary = "Commit the plan's capacity on every asset of its chains (409 with the remaining room when short)")
    ResponseEntity<SupplyPlan> confirm(@PathVariable String planId,
                                       @Valid @RequestBody(required = false) PlanCommand body, Authentication auth) {
        return withEtag(HttpStatus.OK, plans.confirm(planId, body == null ? null : body.note(), actors.of(auth)));
    }

    @PostMapping("/api/plans/{planId}/withdraw")
    @Operation(summary = "Withdraw the plan; a confirmed plan releases its capacity")
    ResponseEntity<SupplyPlan> withdraw(@PathVariable String planId,
                                        @Valid @RequestBody(required = false) PlanCommand body, Authentication auth) {
        return withEtag(HttpStatus.OK, plans.withdraw(planId, body == null ? null : body.note(), actors.of(auth)));
    }

    @GetMapping("/api/plans/{planId}/pdf")
    @Operation(summary = "The printable 供电方案答复单 of the current version")
    ResponseEntity<byte[]> pdf(@PathVariable String planId, Authentication auth) {
        byte[] body = plans.pdf(planId, actors.of(auth));
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"" + planId + ".pdf\"").body(body);
    }

    static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("If-Match", "expected the plan version, e.g. \"3\", was " + ifMatch);
        }
    }

    private static ResponseEntity<SupplyPlan> withEtag(HttpStatus status, SupplyPlan p) {
        return ResponseEntity.status(status).eTag("\"" + p.version() + "\"").body(p);
    }
}

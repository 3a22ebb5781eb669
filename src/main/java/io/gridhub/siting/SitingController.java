package io.gridhub.siting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Candidate connection points for a new customer. */
@RestController
@Tag(name = "siting", description = "Where a new customer can connect")
class SitingController {

    private final SitingService siting;

    SitingController(SitingService siting) {
        this.siting = siting;
    }

    @PostMapping("/api/siting/candidates")
    @Operation(summary = "Voltage, supply mode and ranked candidate connection points with checks, cost and score")
    SitingAnswer candidates(@Valid @RequestBody SitingRequest request) {
        return siting.site(request);
    }
}

package io.gridhub.cases.followup;

import java.util.List;

import io.gridhub.api.InvalidFieldException;
import io.gridhub.cases.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Follow-up visits over HTTP, for dispatchers (and admins): the call list and recording a call. */
@RestController
@Tag(name = "follow-ups", description = "Follow-up visits (回访) after power-on")
class FollowUpController {

    private final FollowUpService followUps;
    private final Actors actors;

    FollowUpController(FollowUpService followUps, Actors actors) {
        this.followUps = followUps;
        this.actors = actors;
    }

    @GetMapping("/api/dispatch/follow-ups")
    @Operation(summary = "Follow-up visit tasks, most urgent first: overdue, then by due date (status: PENDING, DONE, UNREACHABLE)")
    List<FollowUp> list(@RequestParam(required = false) String status, Authentication auth) {
        return followUps.list(status, actors.of(auth));
    }

    @PostMapping("/api/dispatch/follow-ups/{id}")
    @Operation(summary = "Record the call: {status: DONE|UNREACHABLE, satisfaction: 满意|基本满意|不满意, note} (409 when already recorded)")
    FollowUp record(@PathVariable String id, @RequestBody(required = false) FollowUpOutcome body, Authentication auth) {
        return followUps.record(id(id), body, actors.of(auth));
    }

    /** The task number from the path: a 400 naming {@code id} rather than a bare type-mismatch error. */
    private static long id(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("id", "'" + text + "' is not a follow-up visit number");
        }
    }
}

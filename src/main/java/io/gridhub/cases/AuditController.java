package io.gridhub.cases;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The audit log of a case and its plans, for admins. */
@RestController
@Tag(name = "cases")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/cases/{caseNo}/audit")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Every change to the case and its plans: who, when, what, before and after (admins)")
    List<AuditLog.Entry> audit(@PathVariable String caseNo) {
        return audit.forCase(caseNo);
    }
}

package io.gridhub.grid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/grid")
@Tag(name = "grid", description = "The grid store")
class GridSummaryController {

    private final GridSummaryRepository repository;

    GridSummaryController(GridSummaryRepository repository) {
        this.repository = repository;
    }

    @GetMapping("/summary")
    @Operation(summary = "Asset counts per type, measured load rows and the grid's extent")
    GridSummary summary() {
        return repository.summary();
    }
}

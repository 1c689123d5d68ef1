package cn.healthcard.resident.web;

import cn.healthcard.resident.ResidentConflictService;
import cn.healthcard.resident.ResidentConflictView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The resident-data conflict review over the API (ORG-05): file a case for a record of another region, read it.
 * The decision is taken in the reviewer's task view.
 */
@RestController
@RequestMapping("/api/v1/resident-conflicts")
@Tag(name = "resident-conflicts", description = "档案核实更正申请 / resident-data conflict review")
@SecurityRequirement(name = "basic")
class ResidentConflictController {

    private final ResidentConflictService conflicts;

    ResidentConflictController(ResidentConflictService conflicts) {
        this.conflicts = conflicts;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "File a conflict review for a resident whose record belongs to another region (the "
            + "application was refused with 409 RESIDENT_DATA_CONFLICT); 404 for an unknown document, 409 "
            + "NOT_A_CONFLICT when there is nothing to review, 409 RESIDENT_CONFLICT_OPEN while another case is open")
    ResponseEntity<ResidentConflictView> file(@Valid @RequestBody ResidentConflictRequest body) {
        ResidentConflictView view = conflicts.file(body.filing());
        var location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/resident-conflicts/{caseNo}")
                .buildAndExpand(view.caseNo()).toUri();
        return ResponseEntity.created(location).body(view);
    }

    @GetMapping("/{caseNo}")
    @Operation(summary = "Status of a conflict review (masked identity); for the record's region and the filer")
    ResidentConflictView get(@PathVariable String caseNo) {
        return conflicts.get(caseNo);
    }
}

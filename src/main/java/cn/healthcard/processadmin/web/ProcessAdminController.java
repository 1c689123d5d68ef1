package cn.healthcard.processadmin.web;

import cn.healthcard.processadmin.BuildingBlocks;
import cn.healthcard.processadmin.ProcessAdminService;
import cn.healthcard.processadmin.ProcessChangeService;
import cn.healthcard.processadmin.ProcessChangeView;
import cn.healthcard.processadmin.ProcessCheckFailedException;
import cn.healthcard.processadmin.ProcessVersions;
import cn.healthcard.workflow.ProcessRules;
import cn.healthcard.workflow.Review;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Process administration over the API (BPM-05, decision 032), ADMIN only: the processes and their versions, a
 * version's XML, checks, reviewed changes, and the building blocks of the modeler's element templates.
 */
@RestController
@RequestMapping("/api/v1/process-admin")
@Tag(name = "process-admin", description = "流程设计 / process administration")
@SecurityRequirement(name = "basic")
class ProcessAdminController {

    private final ProcessAdminService processes;
    private final ProcessChangeService changes;
    private final BuildingBlocks blocks;

    ProcessAdminController(ProcessAdminService processes, ProcessChangeService changes, BuildingBlocks blocks) {
        this.processes = processes;
        this.changes = changes;
        this.blocks = blocks;
    }

    record Problems(List<ProcessRules.Problem> problems) {
    }

    record Created(String changeId, String caseNumber) {
    }

    record Blocks(List<BuildingBlocks.Delegate> delegates, List<BuildingBlocks.FormRef> forms,
                  List<BuildingBlocks.RoleRef> groups) {
    }

    @GetMapping("/processes")
    @Operation(summary = "Every process: versions with deployment source and time, running instances per version, "
            + "whether the shipped file or an admin's change is the latest")
    List<ProcessVersions> processes() {
        return processes.processes();
    }

    @GetMapping(path = "/definitions/{definitionId}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "The BPMN XML of one deployed version (export); 404 for an unknown version")
    ResponseEntity<String> xml(@PathVariable String definitionId) {
        String xml = processes.xml(definitionId);
        String file = definitionId.replaceAll("[^A-Za-z0-9._-]", "_") + ".bpmn";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"").body(xml);
    }

    @GetMapping("/building-blocks")
    @Operation(summary = "What a model may use: delegate beans with labels, forms, candidate groups (element templates)")
    Blocks buildingBlocks() {
        return new Blocks(blocks.delegates(), blocks.forms(), blocks.groups());
    }

    @PostMapping(path = "/checks", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Checks a model against the rule set; each problem names its element, a stable rule code "
            + "and a Chinese message", description = "400 on xml (missing, over 2 MiB)")
    Problems check(@Valid @RequestBody ProcessAdminRequests.Check body) {
        return new Problems(changes.check(body.xml()));
    }

    @PostMapping(path = "/changes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submits a new version for a second admin's review",
            description = "201 with the change id and case number; 400 by field; 404 unknown base version; 422 with "
                    + "problems [{elementId, rule, message}] when the model fails a check (nothing saved)")
    ResponseEntity<Created> submit(@Valid @RequestBody ProcessAdminRequests.Change body) {
        ProcessChangeView view = changes.submit(body.processKey(), body.baseDefinitionId(), body.xml(), body.note());
        return ResponseEntity.created(URI.create("/api/v1/process-admin/changes/" + view.changeId()))
                .body(new Created(view.changeId(), view.changeNo()));
    }

    @PostMapping(path = "/rollbacks", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Proposes to make an earlier version the one new cases start from (a reviewed change)",
            description = "201; 400 when it is already the latest; 404 unknown version")
    ResponseEntity<Created> rollback(@Valid @RequestBody ProcessAdminRequests.Rollback body) {
        ProcessChangeView view = changes.proposeRollback(body.definitionId(), body.note());
        return ResponseEntity.created(URI.create("/api/v1/process-admin/changes/" + view.changeId()))
                .body(new Created(view.changeId(), view.changeNo()));
    }

    @GetMapping("/changes/{changeId}")
    @Operation(summary = "One change: status, diff against its base version, problems; 404 when there is none")
    ProcessChangeView change(@PathVariable String changeId) {
        return changes.get(changeId);
    }

    @PostMapping(path = "/changes/{changeId}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A second admin's review: APPROVE (deploys it), RETURN or REJECT",
            description = "400 on decision / comment; 403 for the admin who submitted it; 409 NOT_AT_STEP")
    ProcessChangeView review(@PathVariable String changeId, @Valid @RequestBody ProcessAdminRequests.ReviewBody body) {
        Review review = Review.of(body.decision(), body.comment());
        return changes.review(changes.openTask(changeId, ProcessChangeService.REVIEW_TASK), review);
    }

    @ExceptionHandler(ProcessCheckFailedException.class)
    ResponseEntity<ProblemDetail> checkFailed(ProcessCheckFailedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("流程模型未通过检查 (model check failed)");
        p.setProperty("problems", e.problems().stream().map(x -> Map.of("elementId", x.elementId(),
                "rule", x.rule(), "message", x.message())).toList());
        return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}

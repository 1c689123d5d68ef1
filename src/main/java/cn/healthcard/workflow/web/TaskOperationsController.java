package cn.healthcard.workflow.web;

import cn.healthcard.workflow.AttachmentContent;
import cn.healthcard.workflow.CaseAttachment;
import cn.healthcard.workflow.CaseNote;
import cn.healthcard.workflow.CaseTimeline;
import cn.healthcard.workflow.CoApprovals;
import cn.healthcard.workflow.SendBack;
import cn.healthcard.workflow.TaskAttachments;
import cn.healthcard.workflow.TaskComments;
import cn.healthcard.workflow.TaskDelegation;
import cn.healthcard.workflow.web.TaskOperationRequests.CoApproverRequest;
import cn.healthcard.workflow.web.TaskOperationRequests.CommentRequest;
import cn.healthcard.workflow.web.TaskOperationRequests.DelegationRequest;
import cn.healthcard.workflow.web.TaskOperationRequests.OverrideRequest;
import cn.healthcard.workflow.web.TaskOperationRequests.ResolutionRequest;
import cn.healthcard.workflow.web.TaskOperationRequests.SendBackRequest;
import cn.healthcard.workflow.web.TaskOperationRequests.VerdictRequest;
import cn.healthcard.common.DomainValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Task operations over the API (BPM-02, docs/decisions/034): the same services as the task form's toolbar. A task
 * that does not exist or that the caller may not work (another region, not their group, not theirs) answers 404; a
 * refused operation 409 with a code; bad input 400 naming the field.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "task-operations", description = "意见、附件、委派、加签、退回与业务时间线 / task operations and the case timeline")
@SecurityRequirement(name = "basic")
class TaskOperationsController {

    private static final String ID = "「id」最多64个字符";
    private static final String CASE_NO = "「caseNo」最多64个字符";

    private final TaskComments comments;
    private final TaskAttachments attachments;
    private final TaskDelegation delegation;
    private final CoApprovals coApprovals;
    private final SendBack sendBack;
    private final CaseTimeline timeline;

    TaskOperationsController(TaskComments comments, TaskAttachments attachments, TaskDelegation delegation,
                             CoApprovals coApprovals, SendBack sendBack, CaseTimeline timeline) {
        this.comments = comments;
        this.attachments = attachments;
        this.delegation = delegation;
        this.coApprovals = coApprovals;
        this.sendBack = sendBack;
        this.timeline = timeline;
    }

    @PostMapping(path = "/tasks/{id}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Comment on a task (at most 2000 characters); shown in the case timeline")
    CaseNote commentOnTask(@PathVariable @Size(max = 64,
                           message = ID) String id,
                           @Valid @RequestBody CommentRequest body) {
        return comments.commentOnTask(id, body.text(), body.requestId());
    }

    @PostMapping(path = "/tasks/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Attach a file to a task: PDF, PNG or JPEG by content, at most 4 MiB; a declared type that "
            + "is not the content's is refused (400 on file)")
    CaseAttachment attach(@PathVariable @Size(max = 64,
                          message = ID) String id,
                          @RequestPart("file") MultipartFile file,
                          @RequestParam(name = "requestId", required = false) String requestId) throws IOException {
        if (requestId != null && requestId.length() > 64) {
            throw new DomainValidationException("requestId", "「requestId」最多64个字符");
        }
        if (file.getSize() > TaskAttachments.MAX_BYTES) {
            throw new DomainValidationException("file", "「附件」不能超过4MB");
        }
        return attachments.attach(id, file.getOriginalFilename(), file.getContentType(), file.getBytes(), requestId);
    }

    @PostMapping(path = "/tasks/{id}/delegation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delegate the task one holds to a colleague of the same group and institution; 409 "
            + "DELEGATE_NOT_COLLEAGUE, NOT_ASSIGNEE, ALREADY_DELEGATED")
    void delegate(@PathVariable @Size(max = 64, message = ID) String id, @Valid @RequestBody DelegationRequest body) {
        delegation.delegate(id, body.delegate(), body.note());
    }

    @PostMapping(path = "/tasks/{id}/resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "The delegate hands the task back to its owner; 409 NOT_DELEGATED_TO_YOU")
    void resolve(@PathVariable @Size(max = 64, message = ID) String id, @Valid @RequestBody ResolutionRequest body) {
        delegation.resolve(id, body.note());
    }

    @PostMapping(path = "/tasks/{id}/co-approvers", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an approver (加签) before or after one's own decision; 409 CO_APPROVER_NOT_ELIGIBLE, "
            + "CO_APPROVER_EXISTS, NOT_ASSIGNEE")
    CoApprovals.CoApproval addCoApprover(@PathVariable @Size(max = 64,
                                         message = ID) String id,
                                         @Valid @RequestBody CoApproverRequest body) {
        return coApprovals.add(id, body.approver(), body.placement());
    }

    @PostMapping(path = "/tasks/{id}/co-approval-verdict", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "The co-approver's verdict on their co-approval task, recorded on the case; 409 "
            + "NOT_CO_APPROVAL")
    CaseNote verdict(@PathVariable @Size(max = 64, message = ID) String id, @Valid @RequestBody VerdictRequest body) {
        return coApprovals.decide(id, body.verdict(), body.comment());
    }

    @PostMapping(path = "/tasks/{id}/co-approval-override", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "The holder overrides a co-approver's REJECT placed before their decision, with a reason, "
            + "so they may still approve; recorded on the case and audited; 409 NO_CO_APPROVAL_REJECTION if none")
    CaseNote overrideRejection(@PathVariable @Size(max = 64,
                               message = ID) String id,
                               @Valid @RequestBody OverrideRequest body) {
        return coApprovals.override(id, body.reason());
    }

    @GetMapping("/tasks/{id}/send-back-targets")
    @Operation(summary = "The earlier user steps the task may send the case back to; empty where the process does "
            + "not allow it")
    List<SendBack.Target> sendBackTargets(@PathVariable @Size(max = 64, message = ID) String id) {
        return sendBack.targets(id);
    }

    @PostMapping(path = "/tasks/{id}/send-back", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Send the case back to an earlier user step with a reason; 409 SEND_BACK_NOT_ALLOWED, "
            + "NOT_AN_EARLIER_STEP")
    void sendBack(@PathVariable @Size(max = 64, message = ID) String id, @Valid @RequestBody SendBackRequest body) {
        sendBack.sendBack(id, body.target(), body.reason());
    }

    @GetMapping("/cases/{caseNo}/timeline")
    @Operation(summary = "The case's tasks, decisions, comments and attachments in time order")
    CaseTimeline.Timeline timeline(@PathVariable @Size(max = 64, message = CASE_NO) String caseNo) {
        return timeline.of(caseNo);
    }

    @PostMapping(path = "/cases/{caseNo}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Comment on the case (at most 2000 characters)")
    CaseNote commentOnCase(@PathVariable @Size(max = 64,
                           message = CASE_NO) String caseNo,
                           @Valid @RequestBody CommentRequest body) {
        return comments.commentOnCase(caseNo, body.text(), body.requestId());
    }

    @GetMapping("/cases/{caseNo}/attachments/{id}")
    @Operation(summary = "Download a file of the case (the read is audited)")
    ResponseEntity<byte[]> download(@PathVariable @Size(max = 64,
                                    message = CASE_NO) String caseNo,
                                    @PathVariable @Size(max = 64,
                                    message = ID) String id) {
        AttachmentContent file = attachments.read(caseNo, id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.attachment().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.attachment().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.content());
    }
}

package cn.healthcard.workflow.web;

import cn.healthcard.workflow.CoApprovals;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The typed bodies of the task operations (BPM-02, docs/decisions/034). */
final class TaskOperationRequests {

    private TaskOperationRequests() {
    }

    @Schema(description = "A comment on a task or on the case")
    record CommentRequest(
            @Schema(description = "the comment", maxLength = 2000, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「意见」") @Size(max = 2000, message = "「意见」最多2000个字符")
            String text,
            @Schema(description = "the caller's id of this request: a replay with the same id adds nothing",
                    maxLength = 64)
            @Size(max = 64, message = "「requestId」最多64个字符")
            String requestId) {
    }

    @Schema(description = "Delegate the task to a colleague of the same group and institution (region)")
    record DelegationRequest(
            @Schema(description = "the colleague's username", maxLength = 64,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「委派给」") @Size(max = 64, message = "「委派给」最多64个字符")
            String delegate,
            @Schema(description = "a note for the colleague", maxLength = 2000)
            @Size(max = 2000, message = "「说明」最多2000个字符")
            String note) {
    }

    @Schema(description = "Hand a delegated task back to its owner")
    record ResolutionRequest(
            @Schema(description = "what was done", maxLength = 2000)
            @Size(max = 2000, message = "「说明」最多2000个字符")
            String note) {
    }

    @Schema(description = "Add an approver (加签) before or after one's own decision")
    record CoApproverRequest(
            @Schema(description = "the co-approver's username (a supervisor of the same institution)", maxLength = 64,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「加签审核人」") @Size(max = 64, message = "「加签审核人」最多64个字符")
            String approver,
            @Schema(description = "BEFORE: the task cannot be completed until the co-approver has decided; AFTER: "
                    + "the co-approver's task opens when the task is completed",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = "请选择「加签位置」")
            CoApprovals.Placement placement) {
    }

    @Schema(description = "The holder's reason for approving against a co-approver's REJECT placed before")
    record OverrideRequest(
            @Schema(description = "the reason", maxLength = 500, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「改判理由」") @Size(max = 500, message = "「改判理由」最多500个字符")
            String reason) {
    }

    @Schema(description = "The co-approver's verdict")
    record VerdictRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = "请选择「加签意见」")
            CoApprovals.Verdict verdict,
            @Schema(description = "required for REJECT", maxLength = 2000)
            @Size(max = 2000, message = "「理由」最多2000个字符")
            String comment) {
    }

    @Schema(description = "Send the case back to an earlier user step")
    record SendBackRequest(
            @Schema(description = "the earlier step's activity id (see send-back-targets)", maxLength = 255,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请选择「退回环节」") @Size(max = 255, message = "「退回环节」最多255个字符")
            String target,
            @Schema(description = "the reason", maxLength = 500, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「退回理由」") @Size(max = 500, message = "「退回理由」最多500个字符")
            String reason) {
    }
}

package cn.healthcard.lifecycle.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** 撤回 of a request sent back for correction, over the API. */
@Schema(description = "Withdraw a request sent back for correction (撤回)")
record CardRequestWithdrawal(
        @Schema(description = "撤回原因 / why the request is withdrawn", maxLength = 200, example = "持卡人不再办理",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "撤回时请填写「撤回原因」") @Size(max = 200, message = "「撤回原因」最多200个字符")
        String reason) {
}

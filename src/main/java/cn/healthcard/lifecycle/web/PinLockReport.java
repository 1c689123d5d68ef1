package cn.healthcard.lifecycle.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A terminal's report that the card locked itself after wrong PINs (密码锁定). */
@Schema(description = "PIN lock reported by a terminal (密码锁定)")
record PinLockReport(
        @Schema(description = "the reporting terminal's ID", example = "T-110105-0001", maxLength = 64,
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请填写「终端编号」") @Size(max = 64, message = "「终端编号」最多64个字符")
        String terminalId) {
}

package cn.healthcard.lifecycle.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** 解挂申请 (附表2) over the API: the holder must present the card. */
@Schema(description = "Cancel a loss report (解挂, 附表2)")
record UnlossRequest(
        @Schema(description = "applicant's phone: mobile or landline with area code", example = "13912345678",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请填写「联系电话」") @Pattern(regexp = PHONE, message = PHONE_MESSAGE)
        String applicantPhone,
        @Schema(description = "type of the identity document shown (WS 364 CV02.01.101; 01 = 居民身份证); it must be "
                + "the card holder's", example = "01", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请选择「证件类型」") @Size(max = 2, message = "请选择「证件类型」")
        String identityDocumentType,
        @Schema(description = "number of the identity document shown", maxLength = 32,
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请填写「证件号码」") @Size(max = 32, message = "「证件号码」最多32个字符")
        String identityDocumentNumber,
        @Schema(description = "解挂原因", maxLength = 200, example = "卡片已找回",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请填写「解挂原因」") @Size(max = 200, message = "「解挂原因」最多200个字符")
        String unlossReason,
        @Schema(description = "the resident has presented the card (must be true)", allowableValues = "true",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "解挂须出示本人健康卡实物") @AssertTrue(message = "解挂须出示本人健康卡实物")
        Boolean cardPresented) implements CardRequestBody {

    @Override
    public Map<String, Object> details() {
        return CardRequestBody.fields("unlossReason", unlossReason, "cardPresented", cardPresented);
    }
}

package cn.healthcard.lifecycle.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** 注销申请 over the API. */
@Schema(description = "Cancel (terminate) a card for good (注销)")
record CancellationRequest(
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
        @Schema(description = "注销原因", maxLength = 200, example = "出国定居",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请填写「注销原因」") @Size(max = 200, message = "「注销原因」最多200个字符")
        String cancellationReason,
        @Schema(description = "卡片已交回: the card was handed back")
        Boolean cardReturned) implements CardRequestBody {

    @Override
    public Map<String, Object> details() {
        return CardRequestBody.fields("cancellationReason", cancellationReason, "cardReturned", cardReturned);
    }
}

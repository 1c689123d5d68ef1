package cn.healthcard.lifecycle.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** 挂失申请 (附表1) over the API. */
@Schema(description = "Loss report (挂失, 附表1)")
record LossReportRequest(
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
        @Schema(description = "挂失原因", maxLength = 200, example = "地铁站遗失",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请填写「挂失原因」") @Size(max = 200, message = "「挂失原因」最多200个字符")
        String lossReason,
        @Schema(description = "丢失日期 (yyyy-MM-dd), not after today", format = "date", example = "2026-11-20")
        @Pattern(regexp = DATE, message = "「丢失日期」应为日期 (yyyy-MM-dd)")
        String lossDate) implements CardRequestBody {

    @Override
    public Map<String, Object> details() {
        return CardRequestBody.fields("lossReason", lossReason, "lossDate", lossDate);
    }
}

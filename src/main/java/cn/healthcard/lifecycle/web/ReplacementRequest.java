package cn.healthcard.lifecycle.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * 补换申请 (附表4) over the API. Which reasons need the old card, the other reason or changes, and whether the changed
 * values are valid for the resident record, are the service's rules ({@code RequestRules}).
 */
@Schema(description = "Replace a card (补换, 附表4)")
record ReplacementRequest(
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
        @Schema(description = "补领原因", allowableValues = {"LOST", "DAMAGED", "INFO_CHANGE", "OTHER"},
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请选择「补领原因」")
        @Pattern(regexp = "LOST|DAMAGED|INFO_CHANGE|OTHER", message = "请选择「补领原因」")
        String replacementReason,
        @Schema(description = "其他原因, required when replacementReason is OTHER", maxLength = 100)
        @Size(max = 100, message = "「其他原因」最多100个字符")
        String otherReason,
        @Schema(description = "变更条目, required when replacementReason is INFO_CHANGE")
        List<@Valid @NotNull(message = "「变更条目」每一行须包含「条目名称」和「变更后内容」") Change> changes,
        @Schema(description = "原卡已交回: required (true) unless the card was lost")
        Boolean oldCardReturned,
        @Schema(description = "工本费 in yuan, 0–1000 (LC-04: borne by the resident)", example = "20",
                minimum = "0", maximum = "1000", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "请填写「工本费」(0–1000元)")
        @DecimalMin(value = "0", message = "请填写「工本费」(0–1000元)")
        @DecimalMax(value = "1000", message = "请填写「工本费」(0–1000元)")
        BigDecimal feeAmount,
        @Schema(description = "收费票据号", maxLength = 50)
        @Size(max = 50, message = "「收费票据号」最多50个字符")
        String feeReceiptNo,
        @Schema(description = "申领临时卡: issue a temporary card until the new one is picked up")
        Boolean temporaryCardRequested) implements CardRequestBody {

    @Override
    public Map<String, Object> details() {
        return CardRequestBody.fields("replacementReason", replacementReason, "otherReason", otherReason,
                "changes", changes == null ? null : changes.stream().map(Change::row).toList(),
                "oldCardReturned", oldCardReturned, "feeAmount", feeAmount, "feeReceiptNo", feeReceiptNo,
                "temporaryCardRequested", temporaryCardRequested);
    }

    /** One row of the change table; its 原内容 is taken from the resident record, never from the caller. */
    @Schema(description = "One changed item of the resident record (附表4 变更条目)")
    record Change(
            @Schema(description = "条目名称", requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"name",
                    "sex", "ethnicity", "birthDate", "phone", "address", "bloodTypeAbo", "bloodTypeRh",
                    "medicalAlerts"})
            @NotBlank(message = "「条目名称」不可变更或无效")
            @Pattern(regexp = "name|sex|ethnicity|birthDate|phone|address|bloodTypeAbo|bloodTypeRh|medicalAlerts",
                    message = "「条目名称」不可变更或无效")
            String item,
            @Schema(description = "变更后内容 (validated as a registration is)", maxLength = 200,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「变更后内容」") @Size(max = 200, message = "「变更后内容」最多200个字符")
            String newValue,
            @Schema(description = "变更原因", maxLength = 100)
            @Size(max = 100, message = "「变更原因」最多100个字符")
            String reason) {

        Map<String, String> row() {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("item", item);
            row.put("newValue", newValue);
            if (reason != null) {
                row.put("reason", reason);
            }
            return row;
        }
    }
}

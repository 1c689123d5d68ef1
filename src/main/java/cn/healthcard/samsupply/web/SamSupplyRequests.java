package cn.healthcard.samsupply.web;

import cn.healthcard.samsupply.SamApplicationStatus;
import cn.healthcard.samsupply.SamTerminalType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The request bodies and query records of the SAM supply API; each names its fields in a 400. */
final class SamSupplyRequests {

    private SamSupplyRequests() {
    }

    @Schema(description = "SAM卡申领登记 / SAM application (SAM-01)")
    record Application(@NotBlank @Size(max = 32) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                       String institutionCode,
                       @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED) SamTerminalType terminalType,
                       @NotNull @Min(1) @Max(1000) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                       Integer quantity,
                       @NotBlank @Size(max = 200) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                       String reason) {
    }

    @Schema(description = "修改后重新提交 / resubmission of a sent-back application")
    record Revision(@NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED) SamTerminalType terminalType,
                    @NotNull @Min(1) @Max(1000) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                    Integer quantity,
                    @NotBlank @Size(max = 200) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                    String reason) {
    }

    @Schema(description = "省级审核 / the province's review: APPROVE, RETURN or REJECT with a comment")
    record ReviewBody(@NotBlank @Size(max = 16) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                      String decision,
                      @Size(max = 500) String comment) {
    }

    @Schema(description = "撤回 / withdrawal of a sent-back application")
    record WithdrawalBody(@NotBlank @Size(max = 200) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                          String reason) {
    }

    @Schema(description = "汇总上报 / a province's report upward of approved applications")
    record Report(@NotEmpty @Size(max = 200) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                  List<@NotBlank @Size(max = 40) String> applicationNos) {
    }

    @Schema(description = "制卡计划 / the national plan from reports, ordered from a SAM maker")
    record Plan(@NotEmpty @Size(max = 200) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                List<@NotBlank @Size(max = 40) String> reportNos,
                @NotBlank @Size(max = 32) @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String makerCode) {
    }

    @Schema(description = "SAM卡出库 / warehouse-out of SAM cards to the medical institution they were made for")
    record WarehouseOut(@NotBlank @Size(max = 32) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                        String institutionCode,
                        @Size(max = 32) String batchNo,
                        @NotBlank @Size(max = 32) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                        String sealNo) {
    }

    /** Filter of the application list. */
    record ApplicationQuery(SamApplicationStatus status, @Min(1) @Max(500) Integer limit) {
        int orDefault() {
            return limit == null ? 100 : limit;
        }
    }

    /** Size of a list. */
    record Limit(@Min(1) @Max(200) Integer limit) {
        int orDefault() {
            return limit == null ? 50 : limit;
        }
    }
}

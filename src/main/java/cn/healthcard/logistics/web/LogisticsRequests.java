package cn.healthcard.logistics.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** The request bodies and query records of the logistics API; each names its fields in a 400. */
final class LogisticsRequests {

    private LogisticsRequests() {
    }

    @Schema(description = "发运 / dispatch (APP-11)")
    record Dispatch(@NotBlank @Size(max = 40) @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String waybillNo,
                    @NotBlank @Size(max = 50) @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String carrier,
                    @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate expectedDate) {
    }

    @Schema(description = "清点与验封 / count and seal check (PER-13)")
    record Count(@NotNull @Min(0) @Max(1_000_000) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                 Integer receivedCount,
                 @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean sealsIntact,
                 @Size(max = 500) List<@NotBlank @Size(max = 32) String> damagedBoxes,
                 @Size(max = 500) List<@NotBlank @Size(max = 32) String> missingBoxes,
                 @Size(max = 500) String note) {
    }

    @Schema(description = "差异处理 / discrepancy handling (PER-12)")
    record Resolution(@NotNull @Min(0) @Max(1_000_000) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                      Integer recount,
                      boolean replacementCards,
                      @NotBlank @Size(max = 500) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                      String investigation) {
    }

    @Schema(description = "出库 / warehouse-out to a service desk (APP-09)")
    record WarehouseOut(@NotBlank @Size(max = 32) @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String deskCode,
                        @Size(max = 32) String batchNo,
                        @NotBlank @Size(max = 32) @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String sealNo) {
    }

    @Schema(description = "授权接收人 / authorised receiver (PER-13)")
    record Receiver(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}")
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String username) {
    }

    /** Stock query: a batch (and box), or a card number range. */
    record StockFilter(@Parameter(description = "批次号") @Size(max = 32) String batchNo,
                       @Parameter(description = "箱号") @Size(max = 32) String boxNo,
                       @Parameter(description = "起始卡号") @Size(max = 32) String fromCard,
                       @Parameter(description = "截止卡号") @Size(max = 32) String toCard) {
    }

    /** How many of the newest rows. */
    record Limit(@Parameter(description = "条数，默认50，最多200") @Min(1) @Max(200) Integer limit) {
        int orDefault() {
            return limit == null ? 50 : limit;
        }
    }
}

package cn.healthcard.lifecycle.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;

/** The period of the lifecycle statistics ({@code ?from=&to=}, China days, both inclusive), bound by Spring. */
record StatisticsPeriod(
        @Parameter(description = "first day (yyyy-MM-dd), inclusive", required = true,
                schema = @Schema(type = "string", format = "date"))
        @NotNull(message = "请填写「from」") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @Parameter(description = "last day (yyyy-MM-dd), inclusive", required = true,
                schema = @Schema(type = "string", format = "date"))
        @NotNull(message = "请填写「to」") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
}

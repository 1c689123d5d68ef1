package cn.healthcard.sam.web;

import cn.healthcard.report.TableExport;
import cn.healthcard.sam.SamStatistics;
import cn.healthcard.sam.SamUsageStats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** SAM application supervision (SAM-05 4.3.5.3): counts as JSON, CSV or Excel. */
@RestController
@RequestMapping("/api/v1/sam/statistics")
@Tag(name = "sam", description = "SAM卡 / SAM cards")
@SecurityRequirement(name = "basic")
class SamStatisticsController {

    private final SamStatistics statistics;

    SamStatisticsController(SamStatistics statistics) {
        this.statistics = statistics;
    }

    record UsageQuery(@Parameter(description = "first China day, default today") LocalDate from,
                      @Parameter(description = "last China day, default from") LocalDate to,
                      @Parameter(description = "6-digit region within the caller's") String regionCode,
                      @Parameter(description = "institution code") String institutionCode,
                      @Parameter(description = "card uses of this scenario and e-card verifications of this scene "
                              + "(e.g. REGISTRATION); EHC_VERIFICATION: every verification, no card use")
                      String scenario,
                      @Parameter(description = "export format: csv or xlsx")
                      @Pattern(regexp = "csv|xlsx", message = "「format」应为 csv 或 xlsx") String format) {
        SamStatistics.Filter filter() {
            return new SamStatistics.Filter(from, to, regionCode, institutionCode, scenario);
        }
    }

    @GetMapping("/usage")
    @Operation(summary = "SAM freeze/unfreeze/cancel counts and usage through SAM terminals (SAM卡应用监管)")
    SamUsageStats usage(@Valid @ParameterObject UsageQuery query) {
        return statistics.usage(query.filter());
    }

    @GetMapping("/usage/export")
    @Operation(summary = "The same rows as CSV (default) or Excel; audited")
    ResponseEntity<byte[]> export(@Valid @ParameterObject UsageQuery query) {
        boolean excel = "xlsx".equals(query.format());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=sam-usage." + (excel ? "xlsx" : "csv"))
                .contentType(MediaType.parseMediaType(excel ? TableExport.XLSX_TYPE : TableExport.CSV_TYPE))
                .body(statistics.export(query.filter(), excel));
    }
}

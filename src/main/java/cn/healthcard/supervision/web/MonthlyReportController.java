package cn.healthcard.supervision.web;

import cn.healthcard.supervision.monthly.MonthlyReport;
import cn.healthcard.supervision.monthly.MonthlyReports;
import cn.healthcard.workflow.Review;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The monthly reports (BPM-06, STAT-01; decision 037): listed and downloaded by the regions in scope (a draft only by
 * the supervisors of its own region), reviewed by those supervisors, a month opened again by an admin (catch-up; a
 * region that has its report is left alone).
 */
@RestController
@RequestMapping("/api/v1/statistics/monthly-reports")
@Tag(name = "monthly-reports", description = "月度统计报告：列表、下载、审核、补开 / monthly statistics reports")
@SecurityRequirement(name = "basic")
class MonthlyReportController {

    private final MonthlyReports reports;

    MonthlyReportController(MonthlyReports reports) {
        this.reports = reports;
    }

    @GetMapping
    @Operation(summary = "月度报告列表: the reports of the caller's region and below, newest month first (published; "
            + "drafts of the caller's own region for its supervisors)")
    List<MonthlyReport> list(@Parameter(description = "统计月份 yyyy-MM") @RequestParam(required = false)
                             @Size(max = 7, message = "「统计月份」应为 yyyy-MM") String month) {
        return reports.list(month);
    }

    @GetMapping(path = "/{caseNo}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "月度报告PDF (audited; 404 for a report the caller may not read); header X-Content-SM3")
    ResponseEntity<byte[]> pdf(@Parameter(description = "报告编号 YB…") @PathVariable String caseNo) {
        MonthlyReports.ReportFile file = reports.pdf(caseNo);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-SM3", file.sm3())
                .body(file.content());
    }

    @Schema(description = "A supervisor's review of her own region's monthly report: APPROVE publishes, RETURN "
            + "(comment required) generates it again")
    record ReviewRequest(
            @NotNull(message = "请选择「审核结论」")
            @Schema(allowableValues = {"APPROVE", "RETURN"}) String decision,
            @Size(max = 500, message = "「审核意见」最多500个字符") String comment,
            @Size(max = 64, message = "「报告SM3」应为64位十六进制")
            @Schema(description = "SM3 of the PDF the reviewer read (X-Content-SM3); 409 REPORT_CHANGED when the "
                    + "report was generated again since") String sm3) {
    }

    @PostMapping(path = "/{caseNo}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "审核月度报告 (SUPERVISOR of the report's region; 403 for another region; 409 NOT_AT_STEP "
            + "when it is not waiting for review)")
    MonthlyReport review(@PathVariable String caseNo, @Valid @RequestBody ReviewRequest body) {
        return reports.reviewReport(caseNo, Review.of(body.decision(), body.comment()), body.sm3());
    }

    @Schema(description = "A month to open again (catch-up)")
    record OpenRequest(
            @NotNull(message = "请填写「统计月份」") @Size(max = 7, message = "「统计月份」应为 yyyy-MM")
            @Schema(example = "2026-11") String month) {
    }


    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "补开月度报告 (ADMIN): opens the month for every centre's region in the admin's scope that has "
            + "no report of it; regions that failed are listed in failed (open again later), a concurrent catch-up is "
            + "a no-op")
    MonthlyReports.Opened open(@Valid @RequestBody OpenRequest body) {
        return reports.open(reports.month(body.month()));
    }
}

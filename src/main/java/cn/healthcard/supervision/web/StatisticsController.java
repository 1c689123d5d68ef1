package cn.healthcard.supervision.web;

import cn.healthcard.supervision.AssessmentRow;
import cn.healthcard.supervision.CaseCount;
import cn.healthcard.supervision.CaseRow;
import cn.healthcard.supervision.Dashboard;
import cn.healthcard.supervision.IssuingRow;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.OverviewRow;
import cn.healthcard.supervision.ProductionRow;
import cn.healthcard.supervision.Series;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.UsageRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The supervision numbers for the upper levels' systems (SUP-01…04, STAT-01, APP-04; decision 036): the same service
 * as the screens, scoped to the caller's region and below. SUPERVISOR, AUDITOR, ADMIN, and machine clients with the
 * scope {@code statistics}.
 */
@RestController
@RequestMapping("/api/v1/statistics")
@Tag(name = "statistics", description = "监管统计：制卡、发卡、用卡、考核、综合统计 / supervision statistics")
@SecurityRequirement(name = "basic")
class StatisticsController {

    private final SupervisionStatistics statistics;

    StatisticsController(SupervisionStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/production")
    @Operation(summary = "制卡过程监管: per batch ordered, made, failed, scrapped, progress and success (SUP-01)")
    List<ProductionRow> production(@Valid @ParameterObject StatisticsQuery query) {
        return statistics.production(query.filter());
    }

    @GetMapping("/issuing")
    @Operation(summary = "发卡监管: applied, made, issued, signed and not signed for per period, region and desk (SUP-02)")
    List<IssuingRow> issuing(@Valid @ParameterObject StatisticsQuery query) {
        return statistics.issuing(query.filter());
    }

    @GetMapping("/usage")
    @Operation(summary = "用卡监管: card uses and verified e-cards per period, medical institution and stage (SUP-03);"
            + " above city level (no city or institution chosen) per next-level region and stage, institutionCode null")
    List<UsageRow> usage(@Valid @ParameterObject StatisticsQuery query) {
        return statistics.usage(query.filter());
    }

    @GetMapping("/assessment")
    @Operation(summary = "机构考核: tasks handled, hours to handle, sent back and rejected shares, overdue (SUP-04)")
    List<AssessmentRow> assessment(@Valid @ParameterObject StatisticsQuery query) {
        return statistics.assessment(query.filter());
    }

    @GetMapping("/overview")
    @Operation(summary = "综合统计: institutions, cards, SAM cards, filings, products in use, card requests (STAT-01, LC-07)")
    List<OverviewRow> overview(@Valid @ParameterObject StatisticsQuery query) {
        return statistics.overview(query.filter());
    }

    @GetMapping("/applications")
    @Operation(summary = "申领分类统计: applications by sex, age band, document type and channel (APP-04)")
    List<OverviewRow> applications(@Valid @ParameterObject StatisticsQuery query) {
        return statistics.applicationCategories(query.filter());
    }

    @GetMapping("/series/{measure}")
    @Operation(summary = "时间序列: one measure per day, week or month, with the previous period when compare=true")
    List<Series> series(@Parameter(description = "指标 APPLIED, MADE, ISSUED, SIGNED, UNSIGNED, FAILED, SCRAPPED, "
            + "CARD_USES, ECARD_VERIFICATIONS, HANDLED, CARD_REQUESTS") @PathVariable Measure measure,
                        @Valid @ParameterObject StatisticsQuery query) {
        return statistics.series(measure, query.filter());
    }

    @GetMapping("/issuing/cases")
    @Operation(summary = "明细: the cases, cards or rows behind a number, names masked, at most 200 a page; audited"
            + " (SUP-01…04, decision 039)", description = "Every measure has a list; the row's kind (caseKind) says"
            + " what its fields hold: APPLICATION, CARD, REQUEST, TASK (overdue), DONE_TASK (handled; quantity ="
            + " minutes), RESULT (failed or scrapped production answer; detail = batch), USE (card use; status ="
            + " stage), VERIFICATION_COUNT (the e-card verification counter's rows; quantity = verifications),"
            + " SAM (SAM card; status = state, detail = batch), FILING (product filing, national; institutionCode ="
            + " product type, detail = manufacturer), INSTITUTION (institution; caseNo = code, status = kind, detail ="
            + " name). makerCode narrows MADE (then the maker's batches' produced cards, as SUP-01's bar), FAILED and"
            + " SCRAPPED, for which institutionCode is the batch's ordering centre (the row shows the maker);"
            + " VERIFICATION_COUNT's detail is the SAM number; page * size must stay below 100000; scenario narrows"
            + " CARD_USES and ECARD_VERIFICATIONS; requestType narrows CARD_REQUESTS;"
            + " status is the slice of CARD_STATUS, SAM_STATE, FILING_STATUS and INSTITUTION_KIND (STAT-01)."
            + " total is counted up to 10,000: above it total is 10000 and totalCapped is true (\"10,000+\").")
    CasePage cases(@Parameter(description = "指标 APPLIED, MADE, ISSUED, SIGNED, UNSIGNED, FAILED, SCRAPPED, CARD_USES,"
                           + " ECARD_VERIFICATIONS, HANDLED, OVERDUE, CARD_REQUESTS, CARD_STATUS, SAM_STATE, FILING_STATUS,"
                           + " INSTITUTION_KIND")
                   @RequestParam Measure measure, @Valid @ParameterObject StatisticsQuery query,
                   @Parameter(description = "页码, from 0") @RequestParam(defaultValue = "0") int page,
                   @Parameter(description = "每页条数 1-200") @RequestParam(defaultValue = "50") int size) {
        List<CaseRow> rows = statistics.cases(measure, query.filter(), page, size);
        CaseCount total = statistics.countCasesCapped(measure, query.filter());
        return new CasePage(total.count(), total.capped(), page, size, rows);
    }

    @GetMapping("/dashboard")
    @Operation(summary = "首页关键指标: today's applications, waiting reviews, overdue tasks, open incidents, lost this week")
    Dashboard dashboard() {
        return statistics.dashboard();
    }

    /**
     * One page of cases and how many there are in all, counted up to {@link CaseCount#CAP}.
     *
     * @param total the number of rows; {@link CaseCount#CAP} when {@code totalCapped}
     * @param totalCapped whether there are more than {@link CaseCount#CAP} rows (page on until a page comes back short)
     */
    record CasePage(long total, boolean totalCapped, int page, int size, List<CaseRow> rows) {
    }
}

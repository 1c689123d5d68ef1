package cn.healthcard.production.web;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.production.ProductionErrors;
import cn.healthcard.production.ProductionPlans;
import cn.healthcard.production.ProductionPlans.BatchView;
import cn.healthcard.production.ProductionPlans.PlanView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** Production plans, batches and error records of the issuer (APP-08, PER-04) over the API; decision 027. */
@RestController
@RequestMapping("/api/v1/production")
@Tag(name = "production", description = "制卡计划、批次与制卡差错 / production plans, batches and error records")
@SecurityRequirement(name = "basic")
class ProductionController {

    private static final Set<String> PLAN_STATUSES = Set.of("DRAFT", "SUBMITTED", "DISCARDED");
    private static final Set<String> BATCH_STATUSES = Set.of("RELEASED", "RECEIVED", "IN_PRODUCTION", "FINISHED",
            "SEALED");

    private final ProductionPlans plans;
    private final ProductionErrors errors;
    private final cn.healthcard.production.ProductionPlanDocument documents;

    ProductionController(ProductionPlans plans, ProductionErrors errors,
                         cn.healthcard.production.ProductionPlanDocument documents) {
        this.plans = plans;
        this.errors = errors;
        this.documents = documents;
    }

    @Schema(description = "The plan's version as last read (optimistic: 409 PRODUCTION_PLAN_CHANGED when it moved on)")
    record Version(@Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                   @NotNull(message = "请填写「版本号」") @PositiveOrZero(message = "「版本号」不能为负") Long version) {
    }

    @Schema(description = "Another eligible maker for a group of a draft plan")
    record MakerChange(@Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                       @NotNull(message = "请填写「版本号」") @PositiveOrZero(message = "「版本号」不能为负") Long version,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 32, example = "CM-110000")
                       @NotBlank(message = "请填写「制卡机构代码」")
                       @Pattern(regexp = "[A-Za-z0-9-]{1,32}", message = "「制卡机构代码」应为 1–32 位字母、数字或连字符")
                       String makerCode) {
    }

    @PostMapping("/plans")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Generate a draft plan from the queued orders of the caller's region, by region and maker "
            + "(SUPERVISOR of a registration centre); 409 PRODUCTION_NOTHING_QUEUED, PRODUCTION_NO_MAKER")
    PlanView generate() {
        return plans.generate();
    }

    @GetMapping("/plans")
    @Operation(summary = "Plans of the caller's region and below, newest first (status DRAFT|SUBMITTED|DISCARDED, "
            + "created from/to, yyyy-MM-dd)")
    List<PlanView> list(@RequestParam(required = false) String status, @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to) {
        return plans.plans(status(status, PLAN_STATUSES), day("from", from), day("to", to));
    }

    @GetMapping("/plans/{planNo}")
    @Operation(summary = "A plan with its groups (region, maker, count, eligible makers); 404 outside the caller's region")
    PlanView plan(@PathVariable String planNo) {
        return plans.plan(planNo);
    }

    @GetMapping(path = "/plans/{planNo}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The plan as a PDF (制卡计划: groups and batches); 404 outside the caller's region")
    org.springframework.http.ResponseEntity<byte[]> pdf(@PathVariable String planNo) {
        return org.springframework.http.ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"" + planNo + ".pdf\"")
                .body(documents.pdf(planNo));
    }

    @PutMapping(path = "/plans/{planNo}/groups/{regionCode}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change the maker of a draft plan's group; 400 on a maker that may not make the region's "
            + "cards; 409 PRODUCTION_PLAN_CHANGED")
    PlanView changeMaker(@PathVariable String planNo, @PathVariable String regionCode,
                         @Valid @RequestBody MakerChange body) {
        if (!regionCode.matches("\\d{6}")) {
            throw new DomainValidationException("regionCode", "「地区」应为 6 位行政区划代码");
        }
        return plans.changeMaker(planNo, body.version(), regionCode, body.makerCode());
    }

    @PostMapping(path = "/plans/{planNo}/submission", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a draft plan: batches with data files in the makers' outboxes, BatchReleased; 409 "
            + "PRODUCTION_PLAN_CHANGED when someone else submitted or changed it first")
    PlanView submit(@PathVariable String planNo, @Valid @RequestBody Version body) {
        return plans.submit(planNo, body.version());
    }

    @PostMapping(path = "/plans/{planNo}/discard", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Drop a draft plan: its orders are queued again; 409 PRODUCTION_PLAN_CHANGED")
    void discard(@PathVariable String planNo, @Valid @RequestBody Version body) {
        plans.discard(planNo, body.version());
    }

    @GetMapping("/batches")
    @Operation(summary = "Batches of the caller's region and below with status and counts (by plan, batch number, "
            + "status, maker, region, release date)")
    List<BatchView> batches(@RequestParam(required = false) String planNo,
                            @RequestParam(required = false) String batchNo,
                            @RequestParam(required = false) String status,
                            @RequestParam(required = false) String makerCode,
                            @RequestParam(required = false) String regionCode,
                            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        if (batchNo != null && !batchNo.matches("[A-Z0-9-]{1,32}")) {
            throw new DomainValidationException("batchNo", "「批次号」应为 1–32 位大写字母、数字或连字符");
        }
        if (makerCode != null && !makerCode.matches("[A-Za-z0-9-]{1,32}")) {
            throw new DomainValidationException("makerCode", "「制卡机构代码」应为 1–32 位字母、数字或连字符");
        }
        return plans.batches(blank(planNo), blank(batchNo), status(status, BATCH_STATUSES), blank(makerCode),
                blank(regionCode), day("from", from), day("to", to));
    }

    @PostMapping("/batches/{batchNo}/rerelease")
    @Operation(summary = "Re-release a batch the maker has not received (file refused or missing): a new sealed data "
            + "file with the next sequence, the old one superseded; 404 outside the caller's region; 409 "
            + "PRODUCTION_NOT_RELEASED once received")
    BatchView rerelease(@PathVariable String batchNo) {
        return plans.rerelease(batchNo);
    }

    @GetMapping("/errors")
    @Operation(summary = "Error records per card (制卡差错) of the caller's region: open ones, or all with all=true")
    List<ProductionErrors.ErrorView> errors(@RequestParam(defaultValue = "false") boolean all) {
        return errors.list(all);
    }

    @PostMapping("/errors/{caseId}/resend")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Resend a case after its data was corrected: its order is queued for a later plan; 404 "
            + "outside the caller's region; 409 PRODUCTION_NOT_IN_ERROR")
    void resend(@PathVariable String caseId) {
        if (caseId.length() > 64) {
            throw new DomainValidationException("caseId", "「案件号」至多 64 个字符");
        }
        errors.resend(caseId);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String status(String status, Set<String> allowed) {
        String s = blank(status);
        if (s != null && !allowed.contains(s)) {
            throw new DomainValidationException("status", "「状态」应为 " + String.join("、", allowed.stream()
                    .sorted().toList()));
        }
        return s;
    }

    private static LocalDate day(String field, String value) {
        String v = blank(value);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new DomainValidationException(field, "「" + ("from".equals(field) ? "起始日期" : "to".equals(field)
                    ? "截止日期" : field) + "」应为日期 yyyy-MM-dd");
        }
    }
}

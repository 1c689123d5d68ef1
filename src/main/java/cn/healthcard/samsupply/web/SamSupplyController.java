package cn.healthcard.samsupply.web;

import cn.healthcard.logistics.ShipmentView;
import cn.healthcard.logistics.WarehouseService;
import cn.healthcard.samsupply.SamApplicationData;
import cn.healthcard.samsupply.SamApplicationService;
import cn.healthcard.samsupply.SamApplicationView;
import cn.healthcard.samsupply.SamPlanView;
import cn.healthcard.samsupply.SamPlanningService;
import cn.healthcard.samsupply.SamReportView;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.Withdrawal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * SAM applications, reports upward, production plans and SAM warehouse-out over the API (SAM-01…03; decision 031).
 * The steps of an application are addressed by its number ({@code caseNo}: the case's business key).
 */
@RestController
@RequestMapping("/api/v1/samsupply")
@Tag(name = "samsupply", description = "SAM卡制卡与发卡 / SAM applications, plans and issuing")
@SecurityRequirement(name = "basic")
class SamSupplyController {

    private final SamApplicationService applications;
    private final SamPlanningService planning;
    private final WarehouseService warehouse;

    SamSupplyController(SamApplicationService applications, SamPlanningService planning,
                        WarehouseService warehouse) {
        this.applications = applications;
        this.planning = planning;
        this.warehouse = warehouse;
    }

    @PostMapping(path = "/applications", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A city centre's clerk registers a SAM application for an institution of her region",
            description = "400 by field (quantity 1…1000, reason ≤ 200); 403 outside a city centre; 404 for an "
                    + "institution outside the caller's region")
    SamApplicationView register(@Valid @RequestBody SamSupplyRequests.Application body) {
        return applications.register(new SamApplicationData(body.institutionCode(), body.terminalType(),
                body.quantity(), body.reason()));
    }

    @GetMapping("/applications")
    @Operation(summary = "SAM applications within the caller's region, newest first")
    List<SamApplicationView> applications(@Valid @ParameterObject SamSupplyRequests.ApplicationQuery query) {
        return applications.list(query.status(), query.orDefault());
    }

    @GetMapping("/applications/{caseNo}")
    @Operation(summary = "One SAM application (404 outside the caller's region)")
    SamApplicationView application(@PathVariable String caseNo) {
        return applications.get(caseNo);
    }

    @PostMapping(path = "/applications/{caseNo}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The provincial centre's review: APPROVE, RETURN or REJECT",
            description = "400 on decision / comment; 403 for anyone but a supervisor of the application's province; "
                    + "409 NOT_AT_STEP")
    SamApplicationView review(@PathVariable String caseNo, @Valid @RequestBody SamSupplyRequests.ReviewBody body) {
        Review review = Review.of(body.decision(), body.comment());
        return applications.review(applications.openTask(caseNo, SamApplicationService.REVIEW_TASK), review);
    }

    @PostMapping(path = "/applications/{caseNo}/resubmission", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The registering centre resubmits a sent-back application")
    SamApplicationView resubmit(@PathVariable String caseNo, @Valid @RequestBody SamSupplyRequests.Revision body) {
        return applications.resubmit(applications.openTask(caseNo, SamApplicationService.REVISE_TASK),
                new SamApplicationData(null, body.terminalType(), body.quantity(), body.reason()));
    }

    @PostMapping(path = "/applications/{caseNo}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The registering centre withdraws a sent-back application")
    SamApplicationView withdraw(@PathVariable String caseNo,
                                @Valid @RequestBody SamSupplyRequests.WithdrawalBody body) {
        Withdrawal withdrawal = new Withdrawal(body.reason());
        return applications.withdraw(applications.openTask(caseNo, SamApplicationService.REVISE_TASK), withdrawal);
    }

    @PostMapping(path = "/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A provincial centre reports approved applications upward (上报单)",
            description = "403 outside a provincial centre; 404 for another region's application; 409 "
                    + "SAM_ALREADY_REPORTED (one application in one report only) or SAM_NOT_APPROVED")
    SamReportView report(@Valid @RequestBody SamSupplyRequests.Report body) {
        return planning.report(body.applicationNos());
    }

    @GetMapping("/reports")
    @Operation(summary = "Reports within the caller's region, newest first")
    List<SamReportView> reports(@Valid @ParameterObject SamSupplyRequests.Limit limit) {
        return planning.reports(limit.orDefault());
    }

    @GetMapping("/reports/{id}")
    @Operation(summary = "One report by its number (404 outside the caller's region)")
    SamReportView reportOf(@PathVariable String id) {
        return planning.report(id);
    }

    @PostMapping(path = "/plans", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "The national centre makes a SAM production plan from reports and orders it from a SAM maker",
            description = "403 outside the national centre; 400 on makerCode; 409 SAM_MAKER_NOT_FILED when the "
                    + "maker's credit code has no SAM filing in force; 409 SAM_ALREADY_PLANNED")
    SamPlanView plan(@Valid @RequestBody SamSupplyRequests.Plan body) {
        return planning.plan(body.reportNos(), body.makerCode());
    }

    @GetMapping("/plans")
    @Operation(summary = "Plans the caller may see, newest first")
    List<SamPlanView> plans(@Valid @ParameterObject SamSupplyRequests.Limit limit) {
        return planning.plans(limit.orDefault());
    }

    @GetMapping("/plans/{planNo}")
    @Operation(summary = "One plan (404 unless national or holding one of the caller's region's applications)")
    SamPlanView planOf(@PathVariable String planNo) {
        return planning.plan(planNo);
    }

    @PostMapping(path = "/warehouse-out", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "SAM warehouse-out from the caller's centre to the medical institution they were made for",
            description = "400 by field; 404 outside the caller's region; 409 NOTHING_IN_STOCK or STOCK_MOVED; the "
                    + "shipment is received through /api/v1/logistics/shipments/{shipmentNo}/… by the "
                    + "institution's authorised receivers")
    ShipmentView warehouseOut(@Valid @RequestBody SamSupplyRequests.WarehouseOut body) {
        return warehouse.warehouseOutSams(body.institutionCode(), body.batchNo(), body.sealNo());
    }
}

package cn.healthcard.sam.web;

import cn.healthcard.common.PageQuery;
import cn.healthcard.sam.FreezeReason;
import cn.healthcard.sam.SamAction;
import cn.healthcard.sam.SamBindingService;
import cn.healthcard.sam.SamBindingView;
import cn.healthcard.sam.SamCardView;
import cn.healthcard.sam.SamCaseService;
import cn.healthcard.sam.SamCaseView;
import cn.healthcard.sam.SamChangeRequest;
import cn.healthcard.sam.SamPage;
import cn.healthcard.sam.SamQuery;
import cn.healthcard.sam.SamRegister;
import cn.healthcard.sam.SamStatus;
import cn.healthcard.sam.TerminalType;
import cn.healthcard.workflow.Review;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The SAM register, binding and freeze / unfreeze / cancel cases over HTTP (same services as the screens). */
@RestController
@RequestMapping("/api/v1/sam")
@Tag(name = "sam", description = "SAM卡 / SAM cards")
@SecurityRequirement(name = "basic")
class SamController {

    static final int DEFAULT_SIZE = 50;

    private final SamRegister register;
    private final SamBindingService bindings;
    private final SamCaseService cases;

    SamController(SamRegister register, SamBindingService bindings, SamCaseService cases) {
        this.register = register;
        this.bindings = bindings;
        this.cases = cases;
    }

    /** Filters of GET /api/v1/sam/cards; a bad SAM number answers 400 naming {@code samNo}. */
    record CardFilter(
            @Parameter(description = "SAM card number, 8–32 digits or capital letters")
            @Pattern(regexp = "[0-9A-Z]{8,32}", message = "「SAM卡号」应为8–32位数字或大写字母") String samNo,
            @Parameter(description = "IN_STOCK, BOUND, FROZEN or CANCELLED") SamStatus status,
            @Parameter(description = "code of the place the card is at")
            @Size(max = 64, message = "「所在地点」最多64个字符") String place,
            @Parameter(description = "code of the institution the card is bound to")
            @Size(max = 32, message = "「绑定机构」最多32个字符") String institution) {
    }

    @GetMapping("/cards")
    @Operation(summary = "SAM cards within the caller's region (SAM卡查询), paged by SAM number")
    SamPage cards(@Valid @ParameterObject CardFilter filter, @Valid @ParameterObject PageQuery paging) {
        return register.query(new SamQuery(filter.samNo(), filter.status(), filter.place(), filter.institution()),
                paging.pageOrFirst(), paging.sizeOr(DEFAULT_SIZE));
    }

    record CardDetails(SamCardView card, List<SamBindingView> bindings, List<SamCaseView> cases) {
    }

    @GetMapping("/cards/{samNo}")
    @Operation(summary = "One SAM card with its binding history and cases (404 outside the caller's region)")
    CardDetails card(@PathVariable String samNo) {
        return new CardDetails(register.get(samNo), register.bindings(samNo), cases.casesOf(samNo));
    }

    @Schema(description = "Bind a SAM card to an institution's terminal (绑定)")
    record BindRequest(
            @NotBlank(message = "请填写「绑定机构」") @Size(max = 32, message = "「绑定机构」最多32个字符")
            String institutionCode,
            @NotNull(message = "请选择「终端类型」") TerminalType terminalType,
            @NotBlank(message = "请填写「终端编号」") @Size(max = 64, message = "「终端编号」最多64个字符")
            String terminalNo,
            @Schema(description = "the card's version as the caller saw it") @NotNull(message = "请提供「version」")
            Long version,
            @Schema(description = "reason, required for a rebinding") @Size(max = 200, message = "「原因」最多200个字符")
            String reason) {
    }

    @PostMapping(path = "/cards/{samNo}/binding", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Bind a SAM card (绑定); CLERK of a registration centre")
    SamCardView bind(@PathVariable String samNo, @Valid @RequestBody BindRequest body) {
        return bindings.bind(samNo, new SamBindingService.Binding(body.institutionCode(), body.terminalType(),
                body.terminalNo()), body.version());
    }

    @PutMapping(path = "/cards/{samNo}/binding", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rebind a bound SAM card to another terminal (改绑), with a reason")
    SamCardView rebind(@PathVariable String samNo, @Valid @RequestBody BindRequest body) {
        return bindings.rebind(samNo, new SamBindingService.Binding(body.institutionCode(), body.terminalType(),
                body.terminalNo()), body.reason(), body.version());
    }

    @Schema(description = "Unbind a SAM card (解绑)")
    record UnbindRequest(
            @NotBlank(message = "请填写「原因」") @Size(max = 200, message = "「原因」最多200个字符") String reason,
            @NotNull(message = "请提供「version」") Long version) {
    }

    @PostMapping(path = "/cards/{samNo}/unbinding", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Unbind a SAM card (解绑), with a reason")
    SamCardView unbind(@PathVariable String samNo, @Valid @RequestBody UnbindRequest body) {
        return bindings.unbind(samNo, body.reason(), body.version());
    }

    @Schema(description = "Request a freeze, unfreeze or cancel of a SAM card (冻结/解冻/注销申请)")
    record CaseRequest(
            @NotBlank(message = "请填写「SAM卡号」")
            @Pattern(regexp = "[0-9A-Z]{8,32}", message = "「SAM卡号」应为8–32位数字或大写字母") String samNo,
            @NotNull(message = "请选择「业务类型」") SamAction action,
            @Schema(description = "required for FREEZE") FreezeReason freezeReason,
            @NotBlank(message = "请填写「申请原因」") @Size(max = 200, message = "「申请原因」最多200个字符")
            String reason,
            @Schema(description = "urgent freeze for a reported loss: effective at once") Boolean urgent) {
    }

    @PostMapping(path = "/cases", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Request a freeze, unfreeze or cancel (processes/sam-freeze.bpmn); 409 SAM_CASE_OPEN when "
            + "the card has an open case")
    SamCaseView request(@Valid @RequestBody CaseRequest body) {
        return cases.request(new SamChangeRequest(body.samNo(), body.action(), body.freezeReason(), body.reason(),
                Boolean.TRUE.equals(body.urgent())));
    }

    @GetMapping("/cases/{caseNo}")
    @Operation(summary = "One SAM case (404 outside the caller's region)")
    SamCaseView getCase(@PathVariable String caseNo) {
        return cases.get(caseNo);
    }

    @Schema(description = "A supervisor's review of a SAM case")
    record ReviewRequest(
            @NotNull(message = "请选择「审核结论」")
            @Schema(allowableValues = {"APPROVE", "RETURN", "REJECT"}) String decision,
            @Size(max = 500, message = "「审核意见」最多500个字符") String comment) {
    }

    @PostMapping(path = "/cases/{caseNo}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Review a SAM case (SUPERVISOR, not the requester)")
    SamCaseView review(@PathVariable String caseNo, @Valid @RequestBody ReviewRequest body) {
        return cases.reviewCase(caseNo, Review.of(body.decision(), body.comment()));
    }
}

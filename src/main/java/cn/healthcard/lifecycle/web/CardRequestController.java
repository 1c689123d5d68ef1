package cn.healthcard.lifecycle.web;

import cn.healthcard.card.CardHistoryEntry;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardUseService;
import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.lifecycle.CardRequestStatistics;
import cn.healthcard.lifecycle.CardRequestView;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.workflow.Withdrawal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Integration API for card lifecycle requests: each POST starts the same process as the clerk's form (same
 * validation, same review). Each body is a typed record ({@link CardRequestBody}: {@code applicantPhone},
 * {@code identityDocumentType}, {@code identityDocumentNumber} and the request's own fields, e.g.
 * {@code lossReason}); a missing, too long or malformed field answers 400 naming it before the service is called.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "card-lifecycle", description = "挂失、解挂、解锁、补换、注销 / card lifecycle requests")
@SecurityRequirement(name = "basic")
class CardRequestController {

    private final CardRequestService requests;
    private final CardService cards;
    private final CardUseService uses;
    private final CardRequestStatistics statistics;

    CardRequestController(CardRequestService requests, CardService cards, CardUseService uses,
                          CardRequestStatistics statistics) {
        this.requests = requests;
        this.cards = cards;
        this.uses = uses;
        this.statistics = statistics;
    }

    @PostMapping(path = "/cards/{cardNo}/loss-reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Report a card lost (挂失, 附表1)")
    ResponseEntity<Created> lossReport(@PathVariable String cardNo, @Valid @RequestBody LossReportRequest body) {
        return submit(RequestType.LOSS_REPORT, cardNo, body);
    }

    @PostMapping(path = "/cards/{cardNo}/unloss-requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel a loss report (解挂, 附表2); cardPresented must be true")
    ResponseEntity<Created> unloss(@PathVariable String cardNo, @Valid @RequestBody UnlossRequest body) {
        return submit(RequestType.UNLOSS, cardNo, body);
    }

    @PostMapping(path = "/cards/{cardNo}/unlock-requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Unlock a PIN-locked card (解锁, 附表3)")
    ResponseEntity<Created> unlock(@PathVariable String cardNo, @Valid @RequestBody UnlockRequest body) {
        return submit(RequestType.UNLOCK, cardNo, body);
    }

    @PostMapping(path = "/cards/{cardNo}/replacement-requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a card (补换, 附表4), optionally with a temporary card")
    ResponseEntity<Created> replacement(@PathVariable String cardNo, @Valid @RequestBody ReplacementRequest body) {
        return submit(RequestType.REPLACEMENT, cardNo, body);
    }

    @PostMapping(path = "/cards/{cardNo}/cancellation-requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel (terminate) a card for good (注销)")
    ResponseEntity<Created> cancellation(@PathVariable String cardNo, @Valid @RequestBody CancellationRequest body) {
        return submit(RequestType.CANCELLATION, cardNo, body);
    }

    @GetMapping("/card-requests/{id}")
    @Operation(summary = "Status and current step of a lifecycle request")
    CardRequestView get(@PathVariable String id) {
        return requests.get(id);
    }

    @PostMapping(path = "/card-requests/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Withdraw a request sent back for correction (撤回)", description = "Ends the case and "
            + "releases the card for other requests, audited with the reason. 400 without a reason; 409 NOT_AT_STEP "
            + "when the request is not waiting for correction.")
    CardRequestView withdraw(@PathVariable String id, @Valid @RequestBody CardRequestWithdrawal body) {
        return requests.withdrawRequest(id, new Withdrawal(body.reason()));
    }

    @GetMapping(path = "/card-requests/{id}/form", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The printed application form (附表1–4 or 注销申请单) as PDF")
    ResponseEntity<byte[]> form(@PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(requests.printForm(id));
    }

    @GetMapping("/cards/{cardNo}/history")
    @Operation(summary = "The card's whole life in order (APP-13)")
    List<HistoryItem> history(@PathVariable String cardNo) {
        return cards.history(cardNo).stream().map(HistoryItem::of).toList();
    }

    @PostMapping(path = "/cards/{cardNo}/uses", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a use of the card at a terminal; refused (409 with the reason) for a card that is "
            + "lost, locked, cancelled, an expired temporary card, or blacklisted")
    ResponseEntity<Map<String, Object>> use(@PathVariable String cardNo, @RequestBody CardUseService.UseReport body) {
        long id = uses.recordUse(cardNo, body);
        return ResponseEntity.status(201).body(Map.of("useId", id, "cardNo", cardNo));
    }

    @PostMapping(path = "/cards/{cardNo}/pin-locks", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A terminal reports that the card locked itself after wrong PINs (密码锁定)")
    Map<String, Object> pinLock(@PathVariable String cardNo, @Valid @RequestBody PinLockReport body) {
        var card = cards.reportPinLock(cardNo, body.terminalId().trim());
        return Map.of("cardNo", card.cardNo(), "status", card.status().name());
    }

    @GetMapping("/statistics/card-requests")
    @Operation(summary = "Completed lifecycle requests per region and type in a period (LC-07)")
    List<CardRequestStatistics.RegionCounts> counts(@Valid @ParameterObject StatisticsPeriod period) {
        return statistics.completedBetween(period.from(), period.to());
    }

    private ResponseEntity<Created> submit(RequestType type, String cardNo, CardRequestBody body) {
        CardRequestView view = requests.submit(type, body.data(cardNo));
        var location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/card-requests/{id}")
                .buildAndExpand(view.requestId()).toUri();
        return ResponseEntity.created(location).body(new Created(view.requestId(), view.status().name()));
    }

    record Created(String requestId, String status) {
    }

    record HistoryItem(int seq, Instant occurredAt, String action, String actionName, String from, String to,
                       String reason, String requestId, String requestedBy, String approvedBy, String actor,
                       String institutionCode) {
        static HistoryItem of(CardHistoryEntry e) {
            return new HistoryItem(e.seq(), e.occurredAt(), e.action() == null ? "PRODUCED" : e.action().name(),
                    e.action() == null ? "制卡完成" : e.action().nameZh(), e.from() == null ? null : e.from().name(),
                    e.to().name(), e.reason(), e.requestId(), e.requestedBy(), e.approvedBy(), e.actor(),
                    e.institutionCode());
        }
    }
}

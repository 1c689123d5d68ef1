package cn.healthcard.issuance.web;

import cn.healthcard.card.CardService;
import cn.healthcard.card.CardView;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.issuance.ApplicationView;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.workflow.Withdrawal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
import java.util.Base64;
import java.util.List;

/** Integration API for card applications (INT-01, INT-06). Same service, same rules as the task forms. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "card-applications", description = "居民健康卡申领 / card applications")
@SecurityRequirement(name = "basic")
class CardApplicationController {

    private final CardApplicationService applications;
    private final CardService cards;

    CardApplicationController(CardApplicationService applications, CardService cards) {
        this.applications = applications;
        this.cards = cards;
    }

    @PostMapping(path = "/card-applications", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a card application (申领登记)", description = "201 with Location; 400 names each "
            + "bad field; 409 for one-person-one-card or blacklist conflicts.")
    ResponseEntity<Created> submit(@RequestBody CardApplicationRequest body) {
        ApplicationView view = applications.submit(new ResidentData(body.documentType(), body.documentNumber(),
                body.name(), body.sex(), body.ethnicity(), body.birthDate(), body.phone(), body.address(),
                body.bloodTypeAbo(), body.bloodTypeRh(), body.medicalAlerts(), photo(body.photoBase64())));
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(view.applicationId()).toUri();
        return ResponseEntity.created(location).body(new Created(view.applicationId(), view.status().name()));
    }

    @GetMapping("/card-applications/{id}")
    @Operation(summary = "Status and current step of an application")
    ApplicationStatusResponse get(@PathVariable String id) {
        ApplicationView v = applications.get(id);
        return new ApplicationStatusResponse(v.applicationId(), v.status().name(), v.status().nameZh(),
                v.currentSteps(), v.incident(), v.cardNo(), v.resident().nameMasked(),
                v.resident().documentNumberMasked(), v.reviewComment(), v.createdAt(), v.updatedAt());
    }

    @GetMapping(path = "/card-applications/{id}/pickup-receipt", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The pick-up receipt (领卡签收单) PDF of an issued card")
    ResponseEntity<byte[]> receipt(@PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(applications.pickupReceipt(id));
    }

    @PostMapping(path = "/card-applications/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Withdraw an application sent back for correction (撤回)", description = "Ends the case and "
            + "releases the resident's one-card claim, audited with the reason. 400 without a reason; 409 NOT_AT_STEP "
            + "when the application is not waiting for correction.")
    ApplicationStatusResponse withdraw(@PathVariable String id, @Valid @RequestBody ApplicationWithdrawal body) {
        applications.withdrawApplication(id, new Withdrawal(body.reason()));
        return get(id);
    }

    @GetMapping("/cards/{cardNo}")
    @Operation(summary = "Status of a card")
    CardStatusResponse card(@PathVariable String cardNo) {
        CardView c = cards.find(cardNo).orElseThrow(() -> new NotFoundException("卡片不存在: " + cardNo));
        return new CardStatusResponse(c.cardNo(), c.status().name(), c.status().nameZh(), c.applicationId(),
                c.producedAt(), c.issuedAt());
    }

    private static byte[] photo(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(base64.replaceFirst("^data:[^,]*,", ""));
        } catch (IllegalArgumentException e) {
            throw new DomainValidationException("photo", "「照片」不是有效的Base64编码");
        }
    }

    record Created(String applicationId, String status) {
    }

    record ApplicationWithdrawal(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200,
            description = "撤回原因 / why the application is withdrawn", example = "居民不再申领")
            @NotBlank(message = "撤回时请填写「撤回原因」") @Size(max = 200, message = "「撤回原因」最多200个字符")
            String reason) {
    }

    record ApplicationStatusResponse(String applicationId, String status, String statusName, List<String> currentSteps,
                                     boolean incident, String cardNo, String applicantName, String documentNumber,
                                     String reviewComment, Instant createdAt, Instant updatedAt) {
    }

    record CardStatusResponse(String cardNo, String status, String statusName, String applicationId,
                              Instant producedAt, Instant issuedAt) {
    }
}

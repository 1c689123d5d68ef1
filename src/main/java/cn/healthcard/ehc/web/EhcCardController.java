package cn.healthcard.ehc.web;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.ehc.DocumentRef;
import cn.healthcard.ehc.EhcAccountService;
import cn.healthcard.ehc.EhcAccountView;
import cn.healthcard.ehc.EhcChannel;
import cn.healthcard.ehc.EhcRegistration;
import cn.healthcard.ehc.EhcRegistrationResult;
import cn.healthcard.ehc.QrCode;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * E-card accounts and their QR codes over HTTP (EHC-02 … EHC-04, INT-06): registration by apps and institution
 * terminals (for now API users with role CLERK; app/SDK authorization EHC-06 comes later), the account, the static
 * and dynamic code as text, PNG and printable PDF. Same service and rules as the screen 「电子健康卡」.
 */
@RestController
@RequestMapping("/api/v1/ehc")
@Tag(name = "ehc-cards", description = "电子健康卡账户与二维码 / e-card accounts and QR codes")
@SecurityRequirement(name = "basic")
class EhcCardController {

    private final EhcAccountService accounts;

    EhcCardController(EhcAccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping(path = "/cards", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register an e-card account (电子健康卡注册)", description = "The e-card ID is computed from the "
            + "document under the person's master index (found by the document, or by sameAsDocument* — another "
            + "document of the same person that the caller has seen — or created). 201 with Location for a new "
            + "account; 200 with the existing account when the person has one. 400 names each bad field; 409 "
            + "BLACKLISTED, DOCUMENT_OF_ANOTHER_PERSON. Role CLERK (apps and institution terminals).")
    ResponseEntity<AccountResponse> register(@RequestBody RegistrationRequest body) {
        EhcRegistrationResult result = accounts.register(body.toRegistration());
        AccountResponse response = AccountResponse.of(result.account(), result.created());
        if (!result.created()) {
            return ResponseEntity.ok(response);
        }
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{ehcId}")
                .buildAndExpand(result.account().ehcId()).toUri();
        return ResponseEntity.created(location).body(response);
    }

    @GetMapping("/cards/{ehcId}")
    @Operation(summary = "An e-card account (masked)", description = "404 when unknown or outside your region.")
    AccountResponse get(@PathVariable String ehcId) {
        return AccountResponse.of(accounts.find(ehcId)
                .orElseThrow(() -> new NotFoundException("电子健康卡不存在: " + ehcId)), null);
    }

    @GetMapping("/cards/{ehcId}/static-qr")
    @Operation(summary = "The static QR code text <ehcId>:1", description = "409 EHC_FROZEN / EHC_REVOKED.")
    QrResponse staticQr(@PathVariable String ehcId) {
        return QrResponse.of(accounts.staticQr(ehcId));
    }

    @PostMapping("/cards/{ehcId}/dynamic-qr")
    @Operation(summary = "A new dynamic QR code <ehcId>:0:<validity>", description = "Valid for "
            + "healthcard.ehc.dynamic-qr-lifetime (default 5 minutes); the validity is the expiry encrypted under the "
            + "protection key. 409 EHC_FROZEN / EHC_REVOKED. Role CLERK.")
    QrResponse dynamicQr(@PathVariable String ehcId) {
        return QrResponse.of(accounts.dynamicQr(ehcId));
    }

    @GetMapping(path = "/cards/{ehcId}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The QR code as PNG", description = "type=STATIC (default) or DYNAMIC (a new dynamic code).")
    ResponseEntity<byte[]> png(@PathVariable String ehcId,
                               @RequestParam(name = "type", required = false, defaultValue = "STATIC") String type) {
        QrCode code = switch (type.trim().toUpperCase(Locale.ROOT)) {
            case "STATIC" -> accounts.staticQr(ehcId);
            case "DYNAMIC" -> accounts.dynamicQr(ehcId);
            default -> throw new DomainValidationException("type", "「type」应为 STATIC 或 DYNAMIC");
        };
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(accounts.png(code));
    }

    @GetMapping(path = "/cards/{ehcId}/qr.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The printable page of the static QR code (PDF)", description = "Audited.")
    ResponseEntity<byte[]> pdf(@PathVariable String ehcId) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(accounts.printStaticQr(ehcId));
    }

    @Schema(description = "Registration of an e-card account by an app or institution terminal")
    record RegistrationRequest(
            @Schema(example = "01") String documentType,
            @Schema(example = "110105198506010011") String documentNumber,
            @Schema(example = "李明") String name,
            @Schema(description = "GB/T 2261 code; optional for 居民身份证 (from the number)", example = "1") String sex,
            @Schema(description = "optional for 居民身份证 (from the number)") LocalDate birthDate,
            @Schema(description = "another document of the same person, already registered (optional)")
            String sameAsDocumentType,
            String sameAsDocumentNumber,
            @Schema(allowableValues = {"APP", "INSTITUTION_TERMINAL"}) String channel,
            @Schema(description = "the app's or terminal's id", example = "APP-HEALTH-BJ") String clientId) {

        EhcRegistration toRegistration() {
            EhcChannel parsed = null;
            if (channel != null && !channel.isBlank()) {
                try {
                    parsed = EhcChannel.valueOf(channel.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new DomainValidationException("channel", "「注册渠道」应为 APP 或 INSTITUTION_TERMINAL");
                }
            }
            boolean sameAs = sameAsDocumentType != null || sameAsDocumentNumber != null;
            return new EhcRegistration(new DocumentRef(documentType, documentNumber), name, sex, birthDate,
                    sameAs ? new DocumentRef(sameAsDocumentType, sameAsDocumentNumber) : null, parsed, clientId);
        }

        @Override
        public String toString() {
            return "RegistrationRequest[documentType=" + documentType + ", personal data hidden]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "An e-card account: masked identity only")
    record AccountResponse(String ehcId, String masterIndexId, String status, String statusName, String origin,
                           String channel, String documentType, String documentNumberMasked, String nameMasked,
                           String sexCode, int birthYear, String cardNo, String regionCode, Instant createdAt,
                           Long bulkRunId,
                           @Schema(description = "on registration: true for a new account") Boolean created) {

        static AccountResponse of(EhcAccountView a, Boolean created) {
            return new AccountResponse(a.ehcId(), a.masterIndexId(), a.status().name(), a.status().nameZh(),
                    a.origin().name(), a.channel().name(), a.documentType(), a.documentNumberMasked(), a.nameMasked(),
                    a.sex(), a.birthYear(), a.cardNo(), a.regionCode(), a.createdAt(), a.bulkRunId(), created);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QrResponse(@Schema(example = "98FF…1928:1") String text,
                      @Schema(allowableValues = {"STATIC", "DYNAMIC"}) String type,
                      @Schema(description = "expiry of a dynamic code") Instant validUntil) {

        static QrResponse of(QrCode code) {
            return new QrResponse(code.text(), code.type().name(), code.validUntil());
        }
    }
}

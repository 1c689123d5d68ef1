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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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
            + "document of the same person that the caller has seen — or created). 201 for a new account; 200 with "
            + "the existing account when the person has one. No Location header: the e-card ID is never put in a URL "
            + "(issue #10); read the account with POST /api/v1/ehc/cards/find. 400 names each bad field; 404 (one "
            + "answer) for a wrong name, an unknown sameAs person or a person outside your region; 409 BLACKLISTED, "
            + "DOCUMENT_OF_ANOTHER_PERSON. Role CLERK (apps and institution terminals).")
    ResponseEntity<AccountResponse> register(@RequestBody RegistrationRequest body) {
        EhcRegistrationResult result = accounts.register(body.toRegistration());
        AccountResponse response = AccountResponse.of(result.account(), result.created());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(response);
    }

    /*
     * The e-card ID is taken in the request body only, never in a path or query (issue #10: URLs end up in access logs,
     * proxies and browser histories). The former path forms /cards/{ehcId}, /cards/{ehcId}/static-qr, /dynamic-qr,
     * /qr.png and /qr.pdf and the Location header pointing at them were removed.
     */

    @PostMapping(path = "/cards/find", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "An e-card account (masked), by e-card ID in the body", description = "404 when unknown or "
            + "outside your region.")
    AccountResponse find(@RequestBody EhcIdRequest body) {
        return AccountResponse.of(accounts.find(body.required())
                .orElseThrow(() -> new NotFoundException("电子健康卡不存在或不在您的管辖范围内")), null);
    }

    @PostMapping(path = "/cards/static-qr", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The static QR code text <ehcId>:1", description = "409 EHC_FROZEN / EHC_REVOKED.")
    QrResponse staticQr(@RequestBody EhcIdRequest body) {
        return QrResponse.of(accounts.staticQr(body.required()));
    }

    @PostMapping(path = "/cards/dynamic-qr", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A new dynamic QR code <ehcId>:0:<validity>", description = "Valid for "
            + "healthcard.ehc.dynamic-qr-lifetime (default 5 minutes); the validity is the expiry encrypted under the "
            + "e-card's own protection key. 409 EHC_FROZEN / EHC_REVOKED. Role CLERK.")
    QrResponse dynamicQr(@RequestBody EhcIdRequest body) {
        return QrResponse.of(accounts.dynamicQr(body.required()));
    }

    @PostMapping(path = "/cards/qr.png", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The QR code as PNG", description = "type=STATIC (default) or DYNAMIC (a new dynamic code).")
    ResponseEntity<byte[]> png(@RequestBody EhcIdRequest body) {
        String type = body.type() == null || body.type().isBlank() ? "STATIC" : body.type();
        QrCode code = switch (type.trim().toUpperCase(Locale.ROOT)) {
            case "STATIC" -> accounts.staticQr(body.required());
            case "DYNAMIC" -> accounts.dynamicQr(body.required());
            default -> throw new DomainValidationException("type", "「type」应为 STATIC 或 DYNAMIC");
        };
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(accounts.png(code));
    }

    @PostMapping(path = "/cards/qr.pdf", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The printable page of the static QR code (PDF)", description = "Audited.")
    ResponseEntity<byte[]> pdf(@RequestBody EhcIdRequest body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(accounts.printStaticQr(body.required()));
    }

    @Schema(description = "An e-card ID in the body (never in the URL)")
    record EhcIdRequest(@Schema(example = "98FF9F2C…9A571928") String ehcId,
                        @Schema(description = "qr.png only: STATIC (default) or DYNAMIC") String type) {

        String required() {
            if (ehcId == null || ehcId.isBlank()) {
                throw new DomainValidationException("ehcId", "请填写「电子健康卡ID」");
            }
            return ehcId;
        }

        @Override
        public String toString() {
            return "EhcIdRequest[ehcId hidden, type=" + type + "]";
        }
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

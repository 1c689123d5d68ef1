package cn.healthcard.ehc.web;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.ehc.EhcVerificationService;
import cn.healthcard.ehc.Scene;
import cn.healthcard.ehc.VerificationRequest;
import cn.healthcard.ehc.VerificationResult;
import cn.healthcard.ehc.VerificationStats;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verification of scanned e-card codes by reader terminals (EHC-05, INT-06), and the counts per institution and
 * terminal (SUP-03). One answer shape (decision 013): every verification of a well-formed request answers 200 with
 * {@code result} VERIFIED or REFUSED and, when refused, {@code reason} and {@code message}; 400 problem+json only when
 * the request is not a verification request (no terminalId or qrText, unknown scene).
 */
@RestController
@RequestMapping("/api/v1/ehc")
@Tag(name = "ehc-verifications", description = "电子健康卡二维码核验 / verification by reader terminals")
@SecurityRequirement(name = "basic")
class EhcVerificationController {

    private final EhcVerificationService verifications;

    EhcVerificationController(EhcVerificationService verifications) {
        this.verifications = verifications;
    }

    @PostMapping(path = "/verifications", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Verify a scanned e-card QR code (识读终端核验)", description = "200 with result VERIFIED and the "
            + "resident (masked name, sex code, birth year, masked document, master index ID, e-card status), or "
            + "result REFUSED with reason UNREGISTERED_TERMINAL, MALFORMED, EXPIRED, UNKNOWN, FROZEN, REVOKED or "
            + "DYNAMIC_REQUIRED (a static code in scene RECORD_QUERY or SETTLEMENT), CODE_ALREADY_USED (a dynamic "
            + "code verified before in a scene that allows no repeat: SETTLEMENT unless configured by "
            + "healthcard.ehc.verification.repeatable-scenes) and a Chinese message. A dynamic code's validity is "
            + "encrypted for its own e-card: behind another e-card ID it is MALFORMED. Only "
            + "registered, active terminals within the caller's region are served. Every call is audited and counted. "
            + "Role CLERK (terminal API users).")
    VerificationResponse verify(@RequestBody VerificationBody body) {
        Scene scene = null;
        if (body.scene() != null && !body.scene().isBlank()) {
            try {
                scene = Scene.valueOf(body.scene().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DomainValidationException("scene", "「使用场景」应为 " + java.util.Arrays.toString(Scene.values()));
            }
        }
        return VerificationResponse.of(verifications.verify(new VerificationRequest(body.qrText(), body.terminalId(),
                scene)));
    }

    @GetMapping("/verifications/stats")
    @Operation(summary = "Verifications per institution and terminal (核验统计)", description = "Counts of a period of "
            + "China days (both ends inclusive; default today) within your region: verified, refused, and per "
            + "outcome. Roles SUPERVISOR, AUDITOR, ADMIN.")
    StatsResponse stats(@Valid @ParameterObject StatsQuery query) {
        VerificationStats s = verifications.stats(query.from(), query.to(), query.institution(), query.terminal());
        return new StatsResponse(s.from(), s.to(), s.rows().stream().map(r -> new StatsRow(r.institutionCode(),
                r.terminalId(), r.verified(), r.refused(), r.total(), r.byOutcome())).toList(), s.total());
    }

    /**
     * The query string of {@code GET /api/v1/ehc/verifications/stats}, bound by Spring: a day that is not
     * {@code yyyy-MM-dd} answers 400 naming {@code from} or {@code to}; the order of the days, the longest period and
     * the caller's region are the service's rules.
     *
     * @param from        first day (China time), inclusive; absent = {@code to}, or today
     * @param to          last day (China time), inclusive; absent = {@code from}, or today
     * @param institution institution code (exact); absent = every institution of the caller's region
     * @param terminal    terminal ID (exact); absent = every terminal
     */
    record StatsQuery(
            @Parameter(description = "first day (yyyy-MM-dd, China time), inclusive; default today",
                    example = "2026-11-01", schema = @Schema(type = "string", format = "date"))
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day (yyyy-MM-dd, China time), inclusive; default the first day; "
                    + "at most 366 days in all", example = "2026-11-30", schema = @Schema(type = "string", format = "date"))
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "institution code (exact), within your region", example = "BJ-110105")
            String institution,
            @Parameter(description = "reader terminal ID (exact)", example = "BJ-H001-R01")
            String terminal) {
    }

    record VerificationBody(@Schema(description = "the text read from the QR code") String qrText,
                            @Schema(example = "BJ-H001-R01") String terminalId,
                            @Schema(description = "where the code is used; RECORD_QUERY and SETTLEMENT need a dynamic code",
                                    implementation = Scene.class) String scene) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VerificationResponse(@Schema(allowableValues = {"VERIFIED", "REFUSED"}) String result,
                                @Schema(description = "why not, when REFUSED") String reason,
                                String message,
                                @Schema(allowableValues = {"STATIC", "DYNAMIC"}) String codeType,
                                String masterIndexId, String nameMasked, String sexCode, Integer birthYear,
                                String documentType, String documentNumberMasked, String ehcStatus,
                                Instant validUntil, Instant verifiedAt) {

        static VerificationResponse of(VerificationResult r) {
            return new VerificationResponse(r.verified() ? "VERIFIED" : "REFUSED",
                    r.reason() == null ? null : r.reason().name(), r.message(),
                    r.codeType() == null ? null : r.codeType().name(), r.masterIndexId(), r.nameMasked(), r.sexCode(),
                    r.birthYear(), r.documentType(), r.documentNumberMasked(),
                    r.ehcStatus() == null ? null : r.ehcStatus().name(), r.validUntil(), r.verifiedAt());
        }
    }

    record StatsResponse(LocalDate from, LocalDate to, List<StatsRow> rows, long total) {
    }

    record StatsRow(String institutionCode, String terminalId, long verified, long refused, long total,
                    @Schema(description = "VERIFIED and each refusal reason with its count")
                    Map<String, Long> byOutcome) {
    }
}

package cn.healthcard.ehc.web;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
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
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
    StatsResponse stats(
            @Parameter(description = "first day, yyyy-MM-dd") @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "last day, yyyy-MM-dd") @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "institution", required = false) String institution,
            @RequestParam(name = "terminal", required = false) String terminal) {
        List<FieldViolation> violations = new ArrayList<>();
        LocalDate fromDate = date("from", from, violations);
        LocalDate toDate = date("to", to, violations);
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        VerificationStats s = verifications.stats(fromDate, toDate, institution, terminal);
        return new StatsResponse(s.from(), s.to(), s.rows().stream().map(r -> new StatsRow(r.institutionCode(),
                r.terminalId(), r.verified(), r.refused(), r.total(), r.byOutcome())).toList(), s.total());
    }

    private static LocalDate date(String name, String raw, List<FieldViolation> violations) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(name, "「" + name + "」应为日期 (yyyy-MM-dd)"));
            return null;
        }
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

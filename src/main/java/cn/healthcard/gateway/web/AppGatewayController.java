package cn.healthcard.gateway.web;

import cn.healthcard.gateway.AppGateway;
import cn.healthcard.gateway.GatewayRefusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/**
 * The e-card gateway for authorised apps (EHC-06, INT-05): one endpoint, a signed envelope per request (decision 015).
 * No HTTP user: the envelope's signature authenticates the app. Refusals are problem details with a stable
 * {@code code}.
 */
@RestController
@RequestMapping("/api/v1/ehc")
@Tag(name = "ehc-gateway", description = "电子健康卡SDK接口（应用签名报文） / signed requests of authorised apps")
class AppGatewayController {

    private final AppGateway gateway;

    AppGatewayController(AppGateway gateway) {
        this.gateway = gateway;
    }

    @PostMapping(path = "/gateway", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A signed request of an authorised app (电子健康卡SDK网关)", description = "A JSON object of "
            + "strings: app_id, term_id (the app's device; for ehc.code.verify a registered terminal of the app's "
            + "institution), method (ehc.card.register, ehc.qr.get, ehc.code.verify, ehc.person.query), timestamp "
            + "(epoch milliseconds, within ±5 minutes), nonce (8–64 of A–Z a–z 0–9 _ -, single use), version 1.0, "
            + "enc_type PLAIN or SM4 (SM4 required where the body names a person), biz_content (JSON object, or Base64 "
            + "of iv || SM4-CBC-PKCS7 under the body key), sign_type SM3, sign = hex SM3(canonical string + "
            + "\"&key=\" + secret) — see docs/decisions/015. 200 answers a signed envelope with code SUCCESS. Refusals "
            + "(problem+json, property code): 400 ENVELOPE_INVALID, BODY_UNDECRYPTABLE; 401 APP_UNKNOWN, "
            + "SIGNATURE_INVALID, TIMESTAMP_OUT_OF_WINDOW; 403 APP_DISABLED, APP_NOT_AUTHORISED_FOR_SDK, "
            + "APP_NOT_AUTHORISED_FOR_METHOD, TERMINAL_UNREGISTERED; 409 NONCE_REUSED; and the methods' own 400/404/409. "
            + "Every request is audited.")
    Map<String, String> gateway(@RequestBody Map<String, String> envelope) {
        return gateway.handle(envelope);
    }

    @ExceptionHandler(GatewayRefusal.class)
    ProblemDetail refused(GatewayRefusal e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.code().status()), e.getMessage());
        p.setType(URI.create("urn:healthcard:problem:gateway:" + e.code().name().toLowerCase().replace('_', '-')));
        p.setTitle(HttpStatus.valueOf(e.code().status()).getReasonPhrase());
        p.setProperty("code", e.code().name());
        if (!e.fields().isEmpty()) {
            p.setProperty("errors", e.fields().entrySet().stream()
                    .map(f -> Map.of("field", f.getKey(), "message", f.getValue())).toList());
        }
        return p;
    }
}

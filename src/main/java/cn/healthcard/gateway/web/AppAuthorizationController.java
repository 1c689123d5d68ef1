package cn.healthcard.gateway.web;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.gateway.AppAuthorizationService;
import cn.healthcard.gateway.AppState;
import cn.healthcard.gateway.AppView;
import cn.healthcard.gateway.GatewayMethod;
import cn.healthcard.gateway.IssuedSecret;
import cn.healthcard.gateway.SdkView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The SDK authorization system over HTTP (EHC-06): SDKs, apps, authorizations, secrets. Role ADMIN (lists: AUDITOR). */
@RestController
@RequestMapping("/api/v1/ehc")
@Tag(name = "ehc-apps", description = "电子健康卡SDK授权管理 / SDKs, apps, authorizations, secrets")
@SecurityRequirement(name = "basic")
class AppAuthorizationController {

    private final AppAuthorizationService service;

    AppAuthorizationController(AppAuthorizationService service) {
        this.service = service;
    }

    @PostMapping(path = "/sdks", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register and publish an SDK", description = "methods: gateway method codes, e.g. "
            + "ehc.card.register. 201; 400 names each bad field; 409 SDK_EXISTS.")
    ResponseEntity<SdkView> registerSdk(@RequestBody SdkRequest body) {
        SdkView view = service.registerSdk(body.sdkId(), body.name(), body.sdkVersion(), body.developer(),
                methods(body.methods()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(view.sdkId()).toUri()).body(view);
    }

    @GetMapping("/sdks")
    @Operation(summary = "Every published SDK")
    List<SdkView> sdks() {
        return service.sdks();
    }

    @PostMapping(path = "/sdks/{sdkId}/state", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Disable or enable an SDK", description = "state ACTIVE or DISABLED.")
    SdkView sdkState(@PathVariable String sdkId, @RequestBody StateRequest body) {
        return service.changeSdkState(sdkId, state(body.state()));
    }

    @PostMapping(path = "/apps", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register an app; its app ID is issued", description = "institutionCode: for an "
            + "institution's terminal software (its terminals may verify codes). 201. No secret yet.")
    ResponseEntity<AppView> registerApp(@RequestBody AppRequest body) {
        AppView view = service.registerApp(body.name(), body.developer(), body.institutionCode());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(view.appId()).toUri()).body(view);
    }

    @GetMapping("/apps")
    @Operation(summary = "Apps within your region, with their authorizations (never secrets)")
    List<AppView> apps() {
        return service.apps();
    }

    @GetMapping("/apps/{appId}")
    @Operation(summary = "One app with its authorizations")
    AppView app(@PathVariable String appId) {
        return service.app(appId);
    }

    @PostMapping(path = "/apps/{appId}/state", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Disable or enable an app", description = "state ACTIVE or DISABLED.")
    AppView appState(@PathVariable String appId, @RequestBody StateRequest body) {
        return service.changeAppState(appId, state(body.state()));
    }

    @PostMapping("/apps/{appId}/secret")
    @Operation(summary = "Issue (or rotate) the app's secret (授权密钥)", description = "The answer is the only place "
            + "the secret is ever shown, with the platform-signed authorization-code file (HCAC1). Rotating ends the "
            + "old secret at once. Not cached.")
    ResponseEntity<SecretResponse> issueSecret(@PathVariable String appId) {
        IssuedSecret issued = service.issueSecret(appId);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new SecretResponse(issued.appId(),
                issued.secret(), issued.secretVersion(), issued.issuedAt(),
                new String(issued.authorizationCodeFile(), StandardCharsets.UTF_8)));
    }

    @PostMapping(path = "/apps/{appId}/authorizations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Authorise the app for an SDK", description = "409 ALREADY_AUTHORISED, SDK_DISABLED.")
    AppView authorize(@PathVariable String appId, @RequestBody AuthorizationRequest body) {
        return service.authorize(appId, body.sdkId());
    }

    @PostMapping(path = "/apps/{appId}/authorizations/{sdkId}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Revoke the app's authorization for an SDK", description = "reason required; the row is "
            + "kept with who revoked it and when.")
    AppView revoke(@PathVariable String appId, @PathVariable String sdkId, @RequestBody RevokeRequest body) {
        return service.revoke(appId, sdkId, body.reason());
    }

    @GetMapping("/apps/platform-key")
    @Operation(summary = "The platform's SM2 public key that verifies authorization-code files")
    KeyResponse platformKey() {
        return new KeyResponse(service.platformPublicKey());
    }

    private static Set<GatewayMethod> methods(List<String> codes) {
        Set<GatewayMethod> methods = EnumSet.noneOf(GatewayMethod.class);
        for (String code : codes == null ? List.<String>of() : codes) {
            methods.add(GatewayMethod.ofCode(code == null ? "" : code.trim()).orElseThrow(() ->
                    new DomainValidationException("methods", "未知接口: " + code)));
        }
        return methods;
    }

    private static AppState state(String raw) {
        try {
            return AppState.valueOf(raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainValidationException("state", "「状态」应为 ACTIVE 或 DISABLED");
        }
    }

    record SdkRequest(String sdkId, String name, String sdkVersion, String developer, List<String> methods) {
    }

    record AppRequest(String name, String developer, String institutionCode) {
    }

    record StateRequest(String state) {
    }

    record AuthorizationRequest(String sdkId) {
    }

    record RevokeRequest(String reason) {
    }

    record SecretResponse(String appId, String appSecret, int secretVersion, Instant issuedAt,
                          String authorizationCodeFile) {
        @Override
        public String toString() {
            return "SecretResponse[" + appId + " v" + secretVersion + ", secret hidden]";
        }
    }

    record KeyResponse(String publicKey) {
    }
}

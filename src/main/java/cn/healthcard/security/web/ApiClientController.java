package cn.healthcard.security.web;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.security.ApiClientAdministration.ApiClientView;
import cn.healthcard.security.ApiClientAdministration.IssuedClientSecret;
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

import java.util.List;
import java.util.Set;

/**
 * Machine clients of the integration API (OAuth 2 client credentials, decision 020). Role ADMIN, within the
 * administrator's region; no client reaches these paths (no scope opens them).
 */
@RestController
@RequestMapping("/api/v1/clients")
@Tag(name = "clients", description = "接口客户端 / machine clients (OAuth 2 client credentials)")
@SecurityRequirement(name = "basic")
class ApiClientController {

    private final ApiClientAdministration clients;

    ApiClientController(ApiClientAdministration clients) {
        this.clients = clients;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a machine client; its secret is shown in this answer only",
            description = "clientId: 3–64 letters or digits; scopes: API groups (card-applications, cards, lifecycle, "
                    + "ehc, audit); the client acts for the institution and its region. 201 with clientSecret, not "
                    + "cached; 400 names each bad field; 409 CLIENT_EXISTS. Then: POST /oauth2/token with "
                    + "grant_type=client_credentials and HTTP Basic clientId:clientSecret.")
    ResponseEntity<IssuedClientSecret> register(@RequestBody ClientRequest body) {
        IssuedClientSecret issued = clients.register(body.clientId(), body.name(), body.institutionCode(),
                body.scopes());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                        .buildAndExpand(issued.client().clientId()).toUri())
                .cacheControl(CacheControl.noStore()).body(issued);
    }

    @GetMapping
    @Operation(summary = "The machine clients within your region (never secrets)")
    List<ApiClientView> clients() {
        return clients.clients();
    }

    @GetMapping("/{clientId}")
    @Operation(summary = "One machine client")
    ApiClientView client(@PathVariable String clientId) {
        return clients.client(clientId);
    }

    @PostMapping(path = "/{clientId}/state", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Disable or enable a client", description = "state ENABLED or DISABLED. A disabled client "
            + "gets no token and no Basic access; tokens it already holds are refused within 30 s.")
    ApiClientView state(@PathVariable String clientId, @RequestBody StateRequest body) {
        String state = body.state() == null ? "" : body.state().trim();
        if (!Set.of("ENABLED", "DISABLED").contains(state)) {
            throw new DomainValidationException("state", "「状态」为 ENABLED 或 DISABLED");
        }
        return clients.setEnabled(clientId, "ENABLED".equals(state));
    }

    @PostMapping("/{clientId}/secret")
    @Operation(summary = "Rotate the client's secret; the new one is shown in this answer only",
            description = "The old secret stops working at once (tokens already issued run out). Not cached.")
    ResponseEntity<IssuedClientSecret> rotate(@PathVariable String clientId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(clients.rotateSecret(clientId));
    }

    record ClientRequest(String clientId, String name, String institutionCode, Set<String> scopes) {
    }

    record StateRequest(String state) {
    }
}

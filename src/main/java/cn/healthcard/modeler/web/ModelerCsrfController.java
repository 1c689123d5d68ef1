package cn.healthcard.modeler.web;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The CSRF token of the admin's session for the modeler's page (decision 033): the page is static, so it asks here
 * (ADMIN, same origin: another site's page cannot read the answer) and sends the token with its {@code POST}s to
 * {@code /api/v1/process-admin/**}, which the browser API chain checks against the session's token.
 */
@RestController
class ModelerCsrfController {

    @GetMapping("/modeler/csrf-token")
    ResponseEntity<Map<String, String>> csrfToken(CsrfToken token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("headerName", token.getHeaderName(), "token", token.getToken()));
    }
}

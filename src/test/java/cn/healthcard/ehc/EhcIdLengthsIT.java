package cn.healthcard.ehc;

import cn.healthcard.audit.internal.AuditBatchWriter;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.gateway.GatewayMethod;
import cn.healthcard.support.EhcAppClient;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10 defect 6 (decision 019): ids are as long end to end as their columns allow — a gateway identity
 * {@code app:<app id>/<terminal id>} of the longest terminal id fits the audit log, and longer ids are refused at the
 * edge with 400 naming the field, so no verification can stop the audit writer.
 */
@IntegrationTest
class EhcIdLengthsIT {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired InstitutionService institutions;
    @Autowired TerminalService terminalService;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired AuditBatchWriter auditWriter;

    @Test
    @DisplayName("EHC-05 EHC-06 SEC-03 a terminal with a 64-character id (the longest registrable) verifies through its institution's app: audited as app:<app id>/<terminal id>, and the verifications after it are audited too (the writer is not stuck)")
    void longestTerminalIdIsAudited() throws Exception {
        String terminal = ("IT-LEN-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "-" + "T".repeat(64))
                .substring(0, 64);
        EhcTestSupport.terminal(terminalService, institutions, users, terminal);
        EhcAppClient app = authorisedApp(EhcTestSupport.hospital(institutions), GatewayMethod.VERIFY);

        for (int i = 0; i < 2; i++) {
            ResponseEntity<String> answer = post(null, "/api/v1/ehc/gateway", app.envelope(
                    GatewayMethod.VERIFY.code(), terminal, json.writeValueAsString(Map.of("qr_text", "NOT-A-CODE")),
                    false));
            assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        }
        CompletableFuture.runAsync(auditWriter::flush).get(20, TimeUnit.SECONDS); // today: never
        List<String> actors = jdbc.queryForList("select actor from audit_event where event_type = 'EhcVerified' "
                + "and subject_id = ?", String.class, terminal);
        assertThat(actors).hasSize(2).allSatisfy(a -> assertThat(a).isEqualTo("app:" + app.appId() + "/" + terminal));
    }

    @Test
    @DisplayName("EHC-05 EHC-06 INT-06 overlong ids are refused at the edge with 400 naming the field: the gateway envelope's term_id, app_id and nonce, a verification's terminalId, a terminal's registration")
    void overlongIdsRefusedAtTheEdge() throws Exception {
        EhcAppClient app = new EhcAppClient("A".repeat(33), "secret");
        Map<String, String> envelope = new LinkedHashMap<>(app.envelope(GatewayMethod.VERIFY.code(), "T".repeat(65),
                json.writeValueAsString(Map.of("qr_text", "x")), false));
        envelope.put("nonce", "N".repeat(65));
        ResponseEntity<String> refused = post(null, "/api/v1/ehc/gateway", app.resign(envelope));
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(refused).get("code").asText()).isEqualTo("ENVELOPE_INVALID");
        assertThat(body(refused).get("errors").findValuesAsText("field")).contains("term_id", "app_id", "nonce");

        String hospital = EhcTestSupport.hospital(institutions);
        ResponseEntity<String> verification = post("platform", "/api/v1/ehc/verifications",
                Map.of("qrText", "x", "terminalId", "T".repeat(65)));
        assertThat(verification.getStatusCode()).as(verification.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(verification).get("errors").findValuesAsText("field")).containsExactly("terminalId");

        ResponseEntity<String> registration = post("admin", "/api/v1/ehc/terminals",
                Map.of("terminalId", "T".repeat(65), "institutionCode", hospital, "manufacturerCode",
                        EhcTestSupport.TERMINAL_MAKER, "terminalModel", EhcTestSupport.TERMINAL_MODEL, "description", "太长的编号"));
        assertThat(registration.getStatusCode()).as(registration.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(registration).get("errors").findValuesAsText("field")).contains("terminalId");
    }

    // ---- set-up through the admin API (as AppGatewayIT) ---------------------------------------------------------

    private EhcAppClient authorisedApp(String institutionCode, GatewayMethod... methods) throws Exception {
        String sdkId = "SDK-LEN-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        ResponseEntity<String> sdk = post("admin", "/api/v1/ehc/sdks", Map.of("sdkId", sdkId, "name",
                "电子健康卡SDK（测试）", "sdkVersion", "2.1.0", "developer", "测试开发单位",
                "methods", java.util.Arrays.stream(methods).map(GatewayMethod::code).toList()));
        assertThat(sdk.getStatusCode()).as(sdk.getBody()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> created = post("admin", "/api/v1/ehc/apps", Map.of("name",
                "长编号测试APP " + SEQUENCE.incrementAndGet(), "developer", "测试开发单位",
                "institutionCode", institutionCode));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String appId = body(created).get("appId").asText();
        ResponseEntity<String> authorised = post("admin", "/api/v1/ehc/apps/" + appId + "/authorizations",
                Map.of("sdkId", sdkId));
        assertThat(authorised.getStatusCode()).as(authorised.getBody()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> issued = post("admin", "/api/v1/ehc/apps/" + appId + "/secret", Map.of());
        assertThat(issued.getStatusCode()).as(issued.getBody()).isEqualTo(HttpStatus.OK);
        return new EhcAppClient(appId, body(issued).get("appSecret").asText());
    }

    private ResponseEntity<String> post(String user, String path, Object body) throws Exception {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        var client = user == null ? rest : rest.withBasicAuth(user, "demo1234");
        return client.postForEntity(path, new HttpEntity<>(json.writeValueAsString(body), headers), String.class);
    }

    private JsonNode body(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody());
    }
}

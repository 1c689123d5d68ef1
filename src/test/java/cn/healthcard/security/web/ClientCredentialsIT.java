package cn.healthcard.security.web;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.LinkedMultiValueMap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Machine clients with OAuth 2 client credentials (issue #10 defect 4, decision 020): the token endpoint, the bearer
 * token on the API acting as the client's institution and region with the roles of its scopes, the client
 * administration, the README's flow.
 */
@IntegrationTest
class ClientCredentialsIT {

    @Autowired TestRestTemplate rest;
    @Autowired cn.healthcard.security.SignInNames signInNames;
    @Autowired ObjectMapper json;
    @Autowired JWKSource<SecurityContext> keys;
    @Autowired TestUsers users;
    @Autowired AuditLog audit;
    @Autowired UserDetailsService people;
    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired InstitutionService institutions;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;

    @Test
    @DisplayName("INT-06 a client gets a short-lived RS256 JWT for its id and secret, with its client id, institution, region and scopes; the JWK set publishes only the public key")
    void tokenIssued() throws Exception {
        ResponseEntity<String> answer = token("platform", "demo1234", null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getCacheControl()).contains("no-store");
        JsonNode body = json.readTree(answer.getBody());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isBetween(290L, 300L);
        String[] parts = body.get("access_token").asText().split("\\.");
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("sub").asText()).isEqualTo("platform");
        assertThat(claims.get("client_id").asText()).isEqualTo("platform");
        assertThat(claims.get("region").asText()).isEqualTo("110105");
        assertThat(claims.get("institution").asText()).isEqualTo("BJ-110105");
        assertThat(texts(claims.get("scope"))).containsExactlyInAnyOrder("card-applications", "cards", "lifecycle", "ehc");
        assertThat(texts(claims.get("roles"))).containsExactly("CLERK");

        // a narrower request gets the narrower scope
        JsonNode narrow = json.readTree(token("platform", "demo1234", "ehc").getBody());
        JsonNode narrowClaims = json.readTree(Base64.getUrlDecoder().decode(
                narrow.get("access_token").asText().split("\\.")[1]));
        assertThat(texts(narrowClaims.get("scope"))).containsExactly("ehc");
        assertThat(token("platform", "demo1234", "audit").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        JsonNode jwks = json.readTree(rest.getForObject("/oauth2/jwks", String.class));
        assertThat(jwks.get("keys")).hasSize(1);
        assertThat(jwks.get("keys").get(0).get("kid").asText()).isEqualTo(header.get("kid").asText());
        assertThat(jwks.get("keys").get(0).has("d")).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth_signing_key", Integer.class)).isEqualTo(1);

        List<AuditLog.Entry> entries = users.as("auditor", () -> audit.about("ApiClient", "platform"));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.eventType()).isEqualTo("ApiTokenIssued");
            assertThat(e.actor()).isEqualTo("platform");
            assertThat(e.channel()).isEqualTo("API");
            assertThat(e.regionCode()).isEqualTo("110105");
            assertThat(e.detail()).doesNotContain(parts[2]);
        });
    }

    @Test
    @DisplayName("INT-06 SEC-01 a wrong secret, an unknown client, a person's password and a disabled client get 401 invalid_client; a disabled client's tokens are refused")
    void refusedClients() throws Exception {
        assertInvalidClient(token("platform", "wrong", null));
        assertInvalidClient(token("nosuchclient", "demo1234", null));
        assertInvalidClient(token("clerk", "demo1234", null));
        // an unknown name is audited as its marker, never as the typed text (decision 019)
        String marker = signInNames.forAudit("nosuchclient");
        assertThat(marker).startsWith("?").doesNotContain("nosuchclient");
        assertThat(users.as("auditor", () -> audit.about("User", marker)))
                .anySatisfy(e -> assertThat(e.eventType()).isEqualTo("SignInFailed"));
        assertThat(users.as("auditor", () -> audit.about("User", "nosuchclient"))).isEmpty();

        var issued = register("refused" + suffix(), "BJ-110105", List.of("cards"));
        String id = issued.get("client").get("clientId").asText();
        String secret = issued.get("clientSecret").asText();
        assertThat(token(id, secret, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        String earlier = accessToken(id, secret);
        assertThat(admin(HttpMethod.POST, "/api/v1/clients/" + id + "/state", Map.of("state", "DISABLED"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertInvalidClient(token(id, secret, null));
        assertThat(rest.withBasicAuth(id, secret).getForEntity("/api/v1/blacklist", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // a token issued before is refused too (at once on the node that disabled the client; decision 020)
        assertThat(bearer(earlier, HttpMethod.GET, "/api/v1/blacklist", null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        admin(HttpMethod.POST, "/api/v1/clients/" + id + "/state", Map.of("state", "ENABLED"));
        assertThat(token(id, secret, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(bearer(earlier, HttpMethod.GET, "/api/v1/blacklist", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @DisplayName("ORG-05 a bearer token acts in its client's region: a Shanghai (310104) client does not see a Beijing card (404), a Beijing client does")
    void regionScoped() throws Exception {
        var fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
        String beijingCard = fixtures.card("110105", "BJ-110105", "区域测试", CardStatus.ACTIVE);
        var shanghai = register("shplatform" + suffix(), "SH-310104", List.of("cards"));
        String shToken = accessToken(shanghai.get("client").get("clientId").asText(),
                shanghai.get("clientSecret").asText());
        ResponseEntity<String> hidden = bearer(shToken, HttpMethod.GET, "/api/v1/cards/" + beijingCard, null);
        assertThat(hidden.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(hidden.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        ResponseEntity<String> seen = bearer(accessToken("platform", "demo1234"), HttpMethod.GET,
                "/api/v1/cards/" + beijingCard, null);
        assertThat(seen.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(seen.getBody()).get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    @DisplayName("SEC-01 an expired, tampered, foreign-signed or unsigned token gets 401; no token 401")
    void badTokens() throws Exception {
        String path = "/api/v1/blacklist";
        Instant now = Instant.now();
        String expired = sign(keys, now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(10)));
        assertThat(bearer(expired, HttpMethod.GET, path, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        String valid = sign(keys, now, now.plus(Duration.ofMinutes(5)));
        assertThat(bearer(valid, HttpMethod.GET, path, null).getStatusCode()).isEqualTo(HttpStatus.OK);

        String issued = accessToken("platform", "demo1234");
        String[] parts = issued.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("110105", "000000");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        ResponseEntity<String> answer = bearer(tampered, HttpMethod.GET, path, null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        RSAKey foreign = new RSAKeyGenerator(2048).keyID(SigningKeysId.FIRST).generate();
        String forged = sign(new ImmutableJWKSet<>(new JWKSet(foreign)), now, now.plus(Duration.ofMinutes(5)));
        assertThat(bearer(forged, HttpMethod.GET, path, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        assertThat(bearer(unsigned, HttpMethod.GET, path, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(bearer("not-a-jwt", HttpMethod.GET, path, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    @DisplayName("SEC-01 a client without the path's scope gets 403, by token and by Basic; keys, clients and the engine are closed to every client")
    void scopes() throws Exception {
        var ehcOnly = register("ehconly" + suffix(), "BJ-110105", List.of("ehc"));
        String id = ehcOnly.get("client").get("clientId").asText();
        String secret = ehcOnly.get("clientSecret").asText();
        String token = accessToken(id, secret);
        ResponseEntity<String> denied = bearer(token, HttpMethod.GET, "/api/v1/blacklist", null);
        assertThat(denied.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(denied.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(rest.withBasicAuth(id, secret).getForEntity("/api/v1/blacklist", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(bearer(token, HttpMethod.POST, "/api/v1/card-applications", application("无范围")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        String platform = accessToken("platform", "demo1234");
        for (String path : List.of("/api/v1/clients", "/api/v1/keys", "/api/v1/audit/events", "/engine-rest/task",
                "/api/v1/ehc/verifications/stats", "/api/v1/ehc/terminals")) {
            assertThat(bearer(platform, HttpMethod.GET, path, null).getStatusCode()).as(path)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(rest.withBasicAuth("platform", "demo1234").getForEntity("/api/v1/clients", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    @DisplayName("INT-01 README flow: a token from /oauth2/token submits an application (201, registered by the client) and reads it; Basic with the client's id and secret still works; platform is no person")
    void readmeFlow() throws Exception {
        String token = accessToken("platform", "demo1234");
        ResponseEntity<String> created = bearer(token, HttpMethod.POST, "/api/v1/card-applications",
                application("令牌申领"));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String id = json.readTree(created.getBody()).get("applicationId").asText();
        ResponseEntity<String> read = bearer(token, HttpMethod.GET, "/api/v1/card-applications/" + id, null);
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(read.getBody()).get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(created.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
        assertThat(users.as("auditor", () -> audit.about("CardApplication", id)))
                .anySatisfy(e -> assertThat(e.actor()).isEqualTo("platform"));

        ResponseEntity<String> basic = rest.withBasicAuth("platform", "demo1234").exchange("/api/v1/card-applications",
                HttpMethod.POST, new HttpEntity<>(application("基本认证"), jsonHeaders()), String.class);
        assertThat(basic.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        assertThatThrownBy(() -> people.loadUserByUsername("platform")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    @DisplayName("SEC-01 admins register clients (secret shown once, only its hash kept), list, disable and rotate them; every change audited; others get 403")
    void administration() throws Exception {
        String id = "regional" + suffix();
        var issued = register(id, "BJ-110000", List.of("card-applications", "audit"));
        String secret = issued.get("clientSecret").asText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        assertThat(issued.get("client").get("regionCode").asText()).isEqualTo("110000");
        assertThat(texts(issued.get("client").get("roles"))).containsExactlyInAnyOrder("CLERK", "AUDITOR");
        String stored = jdbc.queryForObject("SELECT secret_hash FROM api_client WHERE client_id = ?", String.class, id);
        assertThat(stored).startsWith("{bcrypt}").doesNotContain(secret);

        ResponseEntity<String> list = admin(HttpMethod.GET, "/api/v1/clients", null);
        assertThat(list.getBody()).contains(id).doesNotContain(secret).doesNotContain("secretHash");
        assertThat(admin(HttpMethod.POST, "/api/v1/clients", Map.of("clientId", id, "name", "again",
                "institutionCode", "BJ-110000", "scopes", List.of("cards"))).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(admin(HttpMethod.POST, "/api/v1/clients", Map.of("clientId", "clerk", "name", "a person's name",
                "institutionCode", "BJ-110000", "scopes", List.of("cards"))).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<String> bad = admin(HttpMethod.POST, "/api/v1/clients", Map.of("clientId", "x!",
                "name", "", "institutionCode", "BJ-110000", "scopes", List.of("keys")));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(bad.getBody()).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("clientId", "name", "scopes");

        ResponseEntity<String> rotated = admin(HttpMethod.POST, "/api/v1/clients/" + id + "/secret", null);
        assertThat(rotated.getStatusCode()).isEqualTo(HttpStatus.OK);
        String newSecret = json.readTree(rotated.getBody()).get("clientSecret").asText();
        assertInvalidClient(token(id, secret, null));
        assertThat(token(id, newSecret, null).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(rest.withBasicAuth("clerk", "demo1234").getForEntity("/api/v1/clients", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("shclerk", "demo1234").exchange("/api/v1/clients/" + id + "/secret",
                HttpMethod.POST, null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(users.as("auditor", () -> audit.about("ApiClient", id))).extracting(AuditLog.Entry::eventType)
                .containsSubsequence("ApiClientChanged", "ApiClientChanged", "ApiTokenIssued");
        assertThat(users.as("auditor", () -> audit.about("ApiClient", id))).extracting(AuditLog.Entry::detail)
                .noneMatch(d -> d != null && (d.contains(secret) || d.contains(newSecret)));
    }

    // --- helpers

    private ResponseEntity<String> token(String clientId, String secret, String scope) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        if (scope != null) {
            form.add("scope", scope);
        }
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.setBasicAuth(clientId, secret, StandardCharsets.UTF_8);
        return rest.exchange("/oauth2/token", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    private String accessToken(String clientId, String secret) throws Exception {
        ResponseEntity<String> answer = token(clientId, secret, null);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(answer.getBody()).get("access_token").asText();
    }

    private void assertInvalidClient(ResponseEntity<String> answer) throws Exception {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(json.readTree(answer.getBody()).get("error").asText()).isEqualTo("invalid_client");
    }

    private ResponseEntity<String> bearer(String token, HttpMethod method, String path, Object body) {
        HttpHeaders headers = jsonHeaders();
        headers.setBearerAuth(token);
        return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> admin(HttpMethod method, String path, Object body) {
        return rest.withBasicAuth("admin", "demo1234").exchange(path, method, new HttpEntity<>(body, jsonHeaders()),
                String.class);
    }

    private JsonNode register(String clientId, String institution, List<String> scopes) throws Exception {
        ResponseEntity<String> created = admin(HttpMethod.POST, "/api/v1/clients", Map.of("clientId", clientId,
                "name", "测试客户端 " + clientId, "institutionCode", institution, "scopes", scopes));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getCacheControl()).contains("no-store");
        return json.readTree(created.getBody());
    }

    /** A token of the platform client signed with the given keys (the server's own, or a stranger's). */
    private static String sign(JWKSource<SecurityContext> keys, Instant issuedAt, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder().subject("platform").issuedAt(issuedAt).expiresAt(expiresAt)
                .claim("client_id", "platform").claim("institution", "BJ-110105").claim("region", "110105")
                .claim("scope", List.of("cards")).build();
        return new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
    }

    private static Map<String, Object> application(String name) {
        var resident = TestResidents.newResident(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documentType", resident.documentType());
        body.put("documentNumber", resident.documentNumber());
        body.put("name", resident.name());
        body.put("sex", resident.sex());
        body.put("ethnicity", resident.ethnicity());
        body.put("birthDate", resident.birthDate().toString());
        body.put("phone", resident.phone());
        body.put("address", resident.address());
        body.put("bloodTypeAbo", resident.bloodTypeAbo());
        body.put("bloodTypeRh", resident.bloodTypeRh());
        body.put("medicalAlerts", resident.medicalAlerts());
        body.put("photoBase64", Base64.getEncoder().encodeToString(resident.photo()));
        return body;
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** The first signing key's id, so a stranger's key under the same id is not told apart by the id. */
    private static final class SigningKeysId {
        static final String FIRST = "healthcard-rs256-1";
    }
}

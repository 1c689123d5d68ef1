package cn.healthcard.gateway;

import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.ehc.EhcTestSupport;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.ehc.TerminalState;
import cn.healthcard.gateway.internal.GatewayNonces;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.EhcAppClient;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.JsonHttp;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK authorization system and the signed gateway over real HTTP (EHC-06), the residents' personal query (INT-05)
 * and terminals verifying through their institution's app (EHC-05): apps build their envelopes with
 * {@link EhcAppClient}, an implementation of decision 015 independent of the server's.
 */
@IntegrationTest
class AppGatewayIT {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String GATEWAY = "/api/v1/ehc/gateway";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired InstitutionService institutions;
    @Autowired TerminalService terminalService;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired GatewayNonces nonces;

    CardFixtures fixtures;
    String hospital;

    @BeforeEach
    void setUp() {
        fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
        hospital = EhcTestSupport.hospital(institutions);
    }

    // ---- HTTP helpers -------------------------------------------------------------------------------------------

    private ResponseEntity<String> post(String user, String path, Object body) {
        return JsonHttp.post(rest, json, user, path, body);
    }

    private JsonNode body(ResponseEntity<String> response) {
        return JsonHttp.read(json, response);
    }

    private String biz(Map<String, ?> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the envelope; the answer's signature is checked on every success. */
    private ResponseEntity<String> send(EhcAppClient app, Map<String, String> envelope) {
        ResponseEntity<String> response = post(null, GATEWAY, envelope);
        if (response.getStatusCode() == HttpStatus.OK) {
            assertThat(app.verify(answer(response))).as("the answer is signed with the app's secret").isTrue();
        }
        return response;
    }

    private Map<String, String> answer(ResponseEntity<String> response) {
        try {
            return json.readValue(response.getBody(), new TypeReference<>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(response.getBody(), e);
        }
    }

    /** The decrypted body of a successful answer. */
    private JsonNode served(EhcAppClient app, ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        Map<String, String> answer = answer(response);
        assertThat(answer.get("code")).isEqualTo("SUCCESS");
        try {
            return json.readTree(app.body(answer));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertRefused(ResponseEntity<String> response, HttpStatus status, String code) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(body(response).get("code").asText()).isEqualTo(code);
    }

    private long refusals(String appId, String code) {
        return jdbc.queryForObject("select count(*) from audit_event where event_type = 'GatewayRequestRefused' "
                + "and subject_id = ? and detail like ?", Long.class, appId, "REFUSED " + code + "%");
    }

    // ---- set-up through the admin API ---------------------------------------------------------------------------

    private String sdk(GatewayMethod... methods) {
        String id = "SDK-IT-" + SEQUENCE.incrementAndGet();
        ResponseEntity<String> created = post("admin", "/api/v1/ehc/sdks", Map.of("sdkId", id, "name",
                "电子健康卡SDK（测试）", "sdkVersion", "2.1.0", "developer", "测试开发单位",
                "methods", java.util.Arrays.stream(methods).map(GatewayMethod::code).toList()));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private String app(String institutionCode) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("name", "健康北京APP " + SEQUENCE.incrementAndGet());
        request.put("developer", "北京市卫生健康委信息中心");
        if (institutionCode != null) {
            request.put("institutionCode", institutionCode);
        }
        ResponseEntity<String> created = post("admin", "/api/v1/ehc/apps", request);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return body(created).get("appId").asText();
    }

    private JsonNode issue(String appId) {
        ResponseEntity<String> issued = post("admin", "/api/v1/ehc/apps/" + appId + "/secret", Map.of());
        assertThat(issued.getStatusCode()).as(issued.getBody()).isEqualTo(HttpStatus.OK);
        return body(issued);
    }

    private void authorize(String appId, String sdkId) {
        ResponseEntity<String> r = post("admin", "/api/v1/ehc/apps/" + appId + "/authorizations",
                Map.of("sdkId", sdkId));
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
    }

    /** A registered app with a secret, authorised for an SDK offering the methods. */
    private EhcAppClient authorisedApp(String institutionCode, GatewayMethod... methods) {
        String appId = app(institutionCode);
        authorize(appId, sdk(methods));
        return new EhcAppClient(appId, issue(appId).get("appSecret").asText());
    }

    private EhcAppClient residentsApp() {
        return authorisedApp(null, GatewayMethod.REGISTER, GatewayMethod.QR_CODE, GatewayMethod.PERSONAL_QUERY);
    }

    private static Map<String, String> person(String idNumber, String name) {
        return Map.of("document_type", "01", "document_number", idNumber, "name", name);
    }

    private String idNumberOf(String cardNo) {
        String residentId = users.as("clerk", () -> cards.find(cardNo)).orElseThrow().residentId();
        return SecurityContextUsers.runAsSystem(() -> residents.details(residentId, "测试")).documentNumber();
    }

    // ---- tests --------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("EHC-06 an admin registers an SDK and an app (its app ID issued), authorises it and issues its secret: shown once, kept only sealed, with a platform-signed (SM2) authorization-code file; re-issuing rotates it and the old secret is refused; revoking keeps the row; other roles may not")
    void administration() throws Exception {
        String sdkId = sdk(GatewayMethod.REGISTER, GatewayMethod.PERSONAL_QUERY);
        String appId = app(hospital);
        assertThat(appId).matches("hc[0-9a-f]{16}");
        authorize(appId, sdkId);
        assertRefused(post("admin", "/api/v1/ehc/apps/" + appId + "/authorizations", Map.of("sdkId", sdkId)),
                HttpStatus.CONFLICT, "ALREADY_AUTHORISED");

        JsonNode issued = issue(appId);
        String secret = issued.get("appSecret").asText();
        assertThat(secret).matches("[0-9a-f]{32}");
        assertThat(issued.get("secretVersion").asInt()).isEqualTo(1);
        String stored = jdbc.queryForObject("select secret_sealed from ehc_app where app_id = ?", String.class, appId);
        assertThat(stored).doesNotContain(secret);
        ResponseEntity<String> listed = rest.withBasicAuth("admin", "demo1234").getForEntity("/api/v1/ehc/apps/"
                + appId, String.class);
        assertThat(listed.getBody()).doesNotContain(secret).contains("\"secretVersion\":1");
        assertThat(jdbc.queryForList("select detail from audit_event where subject_id = ?", String.class, appId))
                .noneMatch(d -> d != null && d.contains(secret)).anyMatch(d -> d.startsWith("签发授权密钥 v1"));

        // the authorization-code file: the platform's SM2 signature over the payload, which carries the secret
        JsonNode file = json.readTree(issued.get("authorizationCodeFile").asText());
        assertThat(file.get("format").asText()).isEqualTo("HCAC1");
        byte[] payload = Base64.getDecoder().decode(file.get("payload").asText());
        String platformKey = body(rest.withBasicAuth("admin", "demo1234").getForEntity(
                "/api/v1/ehc/apps/platform-key", String.class)).get("publicKey").asText();
        assertThat(file.get("publicKey").asText()).isEqualTo(platformKey);
        assertThat(sm2Verify(platformKey, payload, file.get("signature").asText())).isTrue();
        payload[payload.length - 3] ^= 1;
        assertThat(sm2Verify(platformKey, payload, file.get("signature").asText())).as("altered file").isFalse();
        JsonNode content = json.readTree(Base64.getDecoder().decode(file.get("payload").asText()));
        assertThat(content.get("appId").asText()).isEqualTo(appId);
        assertThat(content.get("appSecret").asText()).isEqualTo(secret);
        assertThat(content.get("sdks").get(0).get("sdkId").asText()).isEqualTo(sdkId);
        assertThat(content.get("sdks").get(0).get("methods").toString()).contains("ehc.card.register");

        // rotation: the old secret stops at once
        EhcAppClient old = new EhcAppClient(appId, secret);
        String rotated = issue(appId).get("appSecret").asText();
        assertThat(rotated).isNotEqualTo(secret);
        assertRefused(send(old, old.envelope(GatewayMethod.PERSONAL_QUERY.code(), null,
                biz(person("110105199003071239", "张三")), true)), HttpStatus.UNAUTHORIZED, "SIGNATURE_INVALID");

        // revoking keeps the row with who, when and why
        ResponseEntity<String> revoked = post("admin", "/api/v1/ehc/apps/" + appId + "/authorizations/" + sdkId
                + "/revoke", Map.of("reason", "应用下架"));
        assertThat(revoked.getStatusCode()).as(revoked.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode authorization = body(revoked).get("authorizations").get(0);
        assertThat(authorization.get("revokedBy").asText()).isEqualTo("admin");
        assertThat(authorization.get("revokeReason").asText()).isEqualTo("应用下架");
        assertThat(jdbc.queryForObject("select count(*) from ehc_app_authorization where app_id = ?", Long.class,
                appId)).isEqualTo(1);

        assertThat(post("clerk", "/api/v1/ehc/apps", Map.of("name", "x", "developer", "y")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("clerk", "/api/v1/ehc/apps/" + appId + "/secret", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(null, "/api/v1/ehc/apps", Map.of("name", "x", "developer", "y")).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    @DisplayName("EHC-06 EHC-03 EHC-04 an authorised app registers a resident's e-card (channel APP, the app as client) and gets its static and dynamic QR codes through SM4-encrypted, signed envelopes; every request audited")
    void registrationAndQrCodes() throws Exception {
        EhcAppClient app = residentsApp();
        ResidentData person = TestResidents.newResident("应用注册");
        JsonNode registered = served(app, send(app, app.envelope(GatewayMethod.REGISTER.code(), "PHONE-1",
                biz(person(person.documentNumber(), "应用注册")), true)));
        assertThat(registered.get("created").asBoolean()).isTrue();
        String ehcId = registered.get("ehc_id").asText();
        assertThat(ehcId).matches("[0-9A-F]{64}");
        assertThat(registered.get("name_masked").asText()).isEqualTo("应**册");
        assertThat(jdbc.queryForMap("select channel, client_id, created_by from ehc_account where ehc_id = ?", ehcId))
                .containsEntry("CHANNEL", "APP").containsEntry("CLIENT_ID", app.appId())
                .containsEntry("CREATED_BY", "app:" + app.appId());

        JsonNode staticCode = served(app, send(app, app.envelope(GatewayMethod.QR_CODE.code(), "PHONE-1",
                biz(Map.of("document_type", "01", "document_number", person.documentNumber(), "name", "应用注册",
                        "qr_type", "STATIC")), true)));
        assertThat(staticCode.get("qr_text").asText()).isEqualTo(ehcId + ":1");
        assertThat(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(staticCode.get("qr_png")
                .asText())))).isNotNull();
        JsonNode dynamic = served(app, send(app, app.envelope(GatewayMethod.QR_CODE.code(), "PHONE-1",
                biz(Map.of("document_type", "01", "document_number", person.documentNumber(), "name", "应用注册",
                        "qr_type", "DYNAMIC")), true)));
        assertThat(dynamic.get("qr_text").asText()).matches(ehcId + ":0:[0-9A-F]{32}");
        assertThat(dynamic.has("valid_until")).isTrue();

        assertThat(jdbc.queryForList("select detail from audit_event where event_type = 'GatewayRequestServed' "
                + "and subject_id = ? order by id", String.class, app.appId()))
                .hasSize(3).first().asString().startsWith("SERVED ehc.card.register term=PHONE-1 主索引 ");
        assertThat(jdbc.queryForMap("select actor, detail from audit_event where event_type = 'EhcAccountOpened' "
                + "and subject_id = ?", registered.get("master_index_id").asText()))
                .containsEntry("ACTOR", "app:" + app.appId())
                .satisfies(row -> assertThat(row.get("DETAIL").toString()).as("no e-card ID in the audit (issue #10)")
                        .doesNotContain(ehcId));
    }

    @Test
    @DisplayName("INT-05 EHC-07 EHC-06 a resident sees through an authorised app their physical cards (masked, status), e-card (status, ID, QR text and PNG) and hospital visit cards; the read is audited as personal data; a wrong name or unknown document answers 404 without disclosing anything")
    void personalQuery() throws Exception {
        String inst = fixtures.institution("IT-110105-EHC", "北京市朝阳区电子健康卡测试服务点", "110105");
        String cardNo = fixtures.card("110105", inst, "查询人", CardStatus.ACTIVE);
        String idNumber = idNumberOf(cardNo);
        String ehcId = body(post("clerk", "/api/v1/ehc/cards", Map.of("documentType", "01", "documentNumber",
                idNumber, "name", "查询人", "channel", "INSTITUTION_TERMINAL", "clientId", "KIOSK-01")))
                .get("ehcId").asText();
        String visitCardNo = "JZK" + SEQUENCE.incrementAndGet() + System.nanoTime() % 10_000;
        assertThat(post("clerk", "/api/v1/ehc/visit-cards", Map.of("ehcId", ehcId, "institutionCode", hospital,
                "visitCardNo", visitCardNo)).getStatusCode()).isEqualTo(HttpStatus.OK);
        String residentId = users.as("clerk", () -> cards.find(cardNo)).orElseThrow().residentId();
        long readsBefore = jdbc.queryForObject("select count(*) from audit_event where event_type = 'PersonalDataRead'"
                + " and resident_id = ?", Long.class, residentId);

        EhcAppClient app = residentsApp();
        ResponseEntity<String> response = send(app, app.envelope(GatewayMethod.PERSONAL_QUERY.code(), "PHONE-2",
                biz(person(idNumber, "查询人")), true));
        assertThat(answer(response).get("biz_content")).as("the answer is encrypted like the request")
                .doesNotContain(ehcId);
        JsonNode view = served(app, response);
        assertThat(view.get("document_number_masked").asText()).matches("1101\\*{10}[0-9X]{4}");
        JsonNode card = view.get("cards").get(0);
        assertThat(card.get("card_no_masked").asText()).isEqualTo(cardNo.substring(0, 4)
                + "*".repeat(cardNo.length() - 8) + cardNo.substring(cardNo.length() - 4));
        assertThat(card.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(card.get("status_name").asText()).isEqualTo("正常");
        JsonNode ecard = view.get("ecard");
        assertThat(ecard.get("ehc_id").asText()).isEqualTo(ehcId);
        assertThat(ecard.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(ecard.get("qr_text").asText()).isEqualTo(ehcId + ":1");
        assertThat(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(ecard.get("qr_png").asText()))))
                .isNotNull();
        JsonNode visit = view.get("visit_cards").get(0);
        assertThat(visit.get("institution_code").asText()).isEqualTo(hospital);
        assertThat(visit.get("institution_name").asText()).isEqualTo("北京市朝阳区测试医院");
        assertThat(visit.get("visit_card_no").asText()).isEqualTo(visitCardNo);
        assertThat(app.body(answer(response))).doesNotContain(idNumber);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where event_type = 'PersonalDataRead' and "
                + "resident_id = ? and actor = ?", Long.class, residentId, "app:" + app.appId()))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where event_type = 'PersonalDataRead'"
                + " and resident_id = ?", Long.class, residentId)).isEqualTo(readsBefore + 1);

        ResponseEntity<String> wrongName = send(app, app.envelope(GatewayMethod.PERSONAL_QUERY.code(), "PHONE-2",
                biz(person(idNumber, "别人")), true));
        ResponseEntity<String> unknown = send(app, app.envelope(GatewayMethod.PERSONAL_QUERY.code(), "PHONE-2",
                biz(person(TestResidents.newResident("无此人").documentNumber(), "无此人")), true));
        assertThat(wrongName.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(wrongName).get("detail")).isEqualTo(body(unknown).get("detail"));
        assertThat(refusals(app.appId(), "NOT_FOUND")).isEqualTo(2);
        ResponseEntity<String> invalid = send(app, app.envelope(GatewayMethod.PERSONAL_QUERY.code(), null,
                biz(Map.of("document_type", "01", "document_number", "123")), true));
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(invalid).get("errors").findValuesAsText("field")).contains("documentNumber", "name");
    }

    @Test
    @DisplayName("EHC-06 EHC-05 an institution's app verifies a scanned code for a registered terminal of its institution (terminal credentials); a terminal of another institution, a disabled or unknown one is TERMINAL_UNREGISTERED")
    void terminalVerification() {
        String terminal = EhcTestSupport.terminal(terminalService, institutions, users,
                "IT-GW-T" + SEQUENCE.incrementAndGet());
        EhcAppClient hospitalApp = authorisedApp(hospital, GatewayMethod.VERIFY);
        String inst = fixtures.institution("IT-110105-EHC", "北京市朝阳区电子健康卡测试服务点", "110105");
        String cardNo = fixtures.card("110105", inst, "扫码人", CardStatus.ACTIVE);
        String ehcId = body(post("clerk", "/api/v1/ehc/cards", Map.of("documentType", "01", "documentNumber",
                idNumberOf(cardNo), "name", "扫码人", "channel", "INSTITUTION_TERMINAL"))).get("ehcId").asText();

        JsonNode verified = served(hospitalApp, send(hospitalApp, hospitalApp.envelope(GatewayMethod.VERIFY.code(),
                terminal, biz(Map.of("qr_text", ehcId + ":1", "scene", "REGISTRATION")), false)));
        assertThat(verified.get("verified").asBoolean()).isTrue();
        assertThat(verified.get("name_masked").asText()).isEqualTo("扫*人");
        assertThat(jdbc.queryForObject("select actor from audit_event where event_type = 'EhcVerified' and "
                + "subject_id = ? order by id desc limit 1", String.class, terminal))
                .isEqualTo("app:" + hospitalApp.appId() + "/" + terminal);
        JsonNode refused = served(hospitalApp, send(hospitalApp, hospitalApp.envelope(GatewayMethod.VERIFY.code(),
                terminal, biz(Map.of("qr_text", ehcId + ":1", "scene", "SETTLEMENT")), true)));
        assertThat(refused.get("reason").asText()).isEqualTo("DYNAMIC_REQUIRED");

        institutions.registerIfAbsent(new cn.healthcard.institution.Institution("IT-H-110105-B", "北京市朝阳区另一医院",
                cn.healthcard.common.RegionCode.of("110105"), cn.healthcard.institution.InstitutionKind.MEDICAL));
        EhcAppClient otherApp = authorisedApp("IT-H-110105-B", GatewayMethod.VERIFY);
        assertRefused(send(otherApp, otherApp.envelope(GatewayMethod.VERIFY.code(), terminal,
                biz(Map.of("qr_text", ehcId + ":1")), false)), HttpStatus.FORBIDDEN, "TERMINAL_UNREGISTERED");
        assertRefused(send(hospitalApp, hospitalApp.envelope(GatewayMethod.VERIFY.code(), "NO-SUCH-TERMINAL",
                biz(Map.of("qr_text", ehcId + ":1")), false)), HttpStatus.FORBIDDEN, "TERMINAL_UNREGISTERED");
        assertRefused(send(hospitalApp, hospitalApp.envelope(GatewayMethod.VERIFY.code(), null,
                biz(Map.of("qr_text", ehcId + ":1")), false)), HttpStatus.FORBIDDEN, "TERMINAL_UNREGISTERED");
        users.run("admin", () -> terminalService.changeState(terminal, TerminalState.DISABLED));
        assertRefused(send(hospitalApp, hospitalApp.envelope(GatewayMethod.VERIFY.code(), terminal,
                biz(Map.of("qr_text", ehcId + ":1")), false)), HttpStatus.FORBIDDEN, "TERMINAL_UNREGISTERED");
        assertThat(refusals(hospitalApp.appId(), "TERMINAL_UNREGISTERED")).isEqualTo(3);
        assertThat(refusals(otherApp.appId(), "TERMINAL_UNREGISTERED")).isEqualTo(1);
    }

    @Test
    @DisplayName("EHC-06 unauthorised, replayed (old timestamp, reused nonce) and tampered requests are refused with their codes as problem details, each audited, and change nothing")
    void refusals() {
        EhcAppClient app = residentsApp();
        ResidentData person = TestResidents.newResident("拒绝测试");
        String register = GatewayMethod.REGISTER.code();
        String body = biz(person(person.documentNumber(), "拒绝测试"));
        long accounts = jdbc.queryForObject("select count(*) from ehc_account", Long.class);

        // ENVELOPE_INVALID: missing and malformed parameters, named
        Map<String, String> incomplete = new LinkedHashMap<>(app.envelope(register, null, body, true));
        incomplete.remove("nonce");
        incomplete.put("version", "2.0");
        ResponseEntity<String> invalid = send(app, app.resign(incomplete));
        assertRefused(invalid, HttpStatus.BAD_REQUEST, "ENVELOPE_INVALID");
        assertThat(body(invalid).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("nonce",
                "version");
        assertRefused(send(app, app.envelope(register, null, body, false)), HttpStatus.BAD_REQUEST,
                "ENVELOPE_INVALID"); // a person's data only encrypted

        // APP_UNKNOWN
        EhcAppClient stranger = new EhcAppClient("hc0000000000000000", "00112233445566778899aabbccddeeff");
        assertRefused(send(stranger, stranger.envelope(register, null, body, true)), HttpStatus.UNAUTHORIZED,
                "APP_UNKNOWN");
        assertThat(refusals("hc0000000000000000", "APP_UNKNOWN")).isEqualTo(1);

        // SIGNATURE_INVALID: a tampered parameter, another secret
        Map<String, String> tampered = new LinkedHashMap<>(app.envelope(register, null, body, true));
        tampered.put("term_id", "PHONE-EVIL");
        assertRefused(send(app, tampered), HttpStatus.UNAUTHORIZED, "SIGNATURE_INVALID");
        EhcAppClient forger = new EhcAppClient(app.appId(), "ffeeddccbbaa99887766554433221100");
        assertRefused(send(forger, forger.envelope(register, null, body, true)), HttpStatus.UNAUTHORIZED,
                "SIGNATURE_INVALID");
        assertThat(refusals(app.appId(), "SIGNATURE_INVALID")).isEqualTo(2);

        // TIMESTAMP_OUT_OF_WINDOW: an old request and one from the future
        long now = System.currentTimeMillis();
        assertRefused(send(app, app.envelope(register, null, body, true, now - 6 * 60_000, "old-request-0001")),
                HttpStatus.UNAUTHORIZED, "TIMESTAMP_OUT_OF_WINDOW");
        assertRefused(send(app, app.envelope(register, null, body, true, now + 6 * 60_000, "future-request-01")),
                HttpStatus.UNAUTHORIZED, "TIMESTAMP_OUT_OF_WINDOW");

        // BODY_UNDECRYPTABLE: signed, but not SM4 under the body key / not a JSON object
        Map<String, String> garbage = new LinkedHashMap<>(app.envelope(register, null, body, true));
        garbage.put("biz_content", Base64.getEncoder().encodeToString(new byte[48]));
        assertRefused(send(app, app.resign(garbage)), HttpStatus.BAD_REQUEST, "BODY_UNDECRYPTABLE");
        assertRefused(send(app, app.envelope(register, null, "[1,2]", true)), HttpStatus.BAD_REQUEST,
                "BODY_UNDECRYPTABLE");

        // APP_NOT_AUTHORISED_FOR_METHOD: the SDK does not offer verification
        assertRefused(send(app, app.envelope(GatewayMethod.VERIFY.code(), "T-1", biz(Map.of("qr_text", "x")),
                false)), HttpStatus.FORBIDDEN, "APP_NOT_AUTHORISED_FOR_METHOD");

        // APP_NOT_AUTHORISED_FOR_SDK: registered with a secret, never authorised
        String unauthorised = app(null);
        EhcAppClient noGrant = new EhcAppClient(unauthorised, issue(unauthorised).get("appSecret").asText());
        assertRefused(send(noGrant, noGrant.envelope(register, null, body, true)), HttpStatus.FORBIDDEN,
                "APP_NOT_AUTHORISED_FOR_SDK");
        assertThat(refusals(unauthorised, "APP_NOT_AUTHORISED_FOR_SDK")).isEqualTo(1);

        assertThat(jdbc.queryForObject("select count(*) from ehc_account", Long.class)).as("nothing changed")
                .isEqualTo(accounts);
        assertThat(jdbc.queryForObject("select count(*) from ehc_gateway_nonce where app_id in (?, ?)", Long.class,
                app.appId(), unauthorised)).as("no nonce used by a refused request").isZero();

        // NONCE_REUSED: the same signed request twice; the first is served, the replay is not
        Map<String, String> once = app.envelope(register, null, body, true);
        served(app, send(app, once));
        assertRefused(send(app, once), HttpStatus.CONFLICT, "NONCE_REUSED");
        assertThat(refusals(app.appId(), "NONCE_REUSED")).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from ehc_account", Long.class)).isEqualTo(accounts + 1);

        // APP_DISABLED, and served again once enabled
        assertThat(post("admin", "/api/v1/ehc/apps/" + app.appId() + "/state", Map.of("state", "DISABLED"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertRefused(send(app, app.envelope(register, null, body, true)), HttpStatus.FORBIDDEN, "APP_DISABLED");
        post("admin", "/api/v1/ehc/apps/" + app.appId() + "/state", Map.of("state", "ACTIVE"));
        assertThat(served(app, send(app, app.envelope(register, null, body, true))).get("created").asBoolean())
                .isFalse();

        // a revoked authorization ends the app's access
        String sdkId = jdbc.queryForObject("select sdk_id from ehc_app_authorization where app_id = ?", String.class,
                app.appId());
        post("admin", "/api/v1/ehc/apps/" + app.appId() + "/authorizations/" + sdkId + "/revoke",
                Map.of("reason", "测试撤销"));
        assertRefused(send(app, app.envelope(register, null, body, true)), HttpStatus.FORBIDDEN,
                "APP_NOT_AUTHORISED_FOR_SDK");
    }

    @Test
    @DisplayName("EHC-06 the same signed request sent twice at the same moment is served once and refused once as NONCE_REUSED (the nonce table's primary key decides); expired nonces are cleaned up")
    void concurrentReplay() throws Exception {
        EhcAppClient app = residentsApp();
        ResidentData person = TestResidents.newResident("并发重放");
        Map<String, String> once = app.envelope(GatewayMethod.REGISTER.code(), null,
                biz(person(person.documentNumber(), "并发重放")), true);
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> {
                start.await();
                return send(app, once).getStatusCode();
            });
            var second = pool.submit(() -> {
                start.await();
                return send(app, once).getStatusCode();
            });
            start.countDown();
            assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(HttpStatus.OK,
                    HttpStatus.CONFLICT);
        } finally {
            pool.shutdownNow();
        }
        assertThat(refusals(app.appId(), "NONCE_REUSED")).isEqualTo(1);

        jdbc.update("insert into ehc_gateway_nonce (app_id, nonce, expires_at) values (?, 'expired-nonce-1', ?)",
                app.appId(), java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)));
        assertThat(nonces.cleanUp()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("select nonce from ehc_gateway_nonce where app_id = ?", String.class,
                app.appId())).containsExactly(once.get("nonce"));
    }

    /** SM2 verification with BouncyCastle directly (default signer ID, r || s), independent of the crypto module. */
    private static boolean sm2Verify(String publicKeyHex, byte[] message, String signatureHex) {
        X9ECParameters x9 = GMNamedCurves.getByName("sm2p256v1");
        var domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        var key = new ECPublicKeyParameters(x9.getCurve().decodePoint(HexFormat.of().parseHex(publicKeyHex)), domain);
        var signer = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
        signer.init(false, new ParametersWithID(key, "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
        signer.update(message, 0, message.length);
        return signer.verifySignature(HexFormat.of().parseHex(signatureHex));
    }
}

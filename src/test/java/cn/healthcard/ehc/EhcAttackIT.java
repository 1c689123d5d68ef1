package cn.healthcard.ehc;

import cn.healthcard.audit.internal.AuditBatchWriter;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.gateway.GatewayMethod;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.EhcAppClient;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.JsonHttp;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10, written as attacks over real HTTP: a registration for someone outside the caller's region or under a wrong
 * name (defect 1), and a dynamic code's validity spliced behind another e-card ID or replayed (defect 2).
 */
@IntegrationTest
class EhcAttackIT {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired InstitutionService institutions;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired AuditBatchWriter auditBatches;

    CardFixtures fixtures;
    String hospital;

    @BeforeEach
    void setUp() {
        fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
        hospital = EhcTestSupport.hospital(institutions);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private ResponseEntity<String> post(String user, String path, Object body) {
        return JsonHttp.post(rest, json, user, path, body);
    }

    private JsonNode body(ResponseEntity<String> response) {
        return JsonHttp.read(json, response);
    }

    private static Map<String, Object> registration(String type, String number, String name) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("documentType", type);
        request.put("documentNumber", number);
        request.put("name", name);
        request.put("channel", "INSTITUTION_TERMINAL");
        request.put("clientId", "KIOSK-ATTACK");
        if (!"01".equals(type)) {
            request.put("sex", "1");
            request.put("birthDate", "1985-06-01");
        }
        return request;
    }

    private ResponseEntity<String> register(String user, String idNumber, String name) {
        return post(user, "/api/v1/ehc/cards", registration("01", idNumber, name));
    }

    /** A Beijing (110105) card holder; answers the ID number. */
    private String beijingHolder(String name) {
        String inst = fixtures.institution("IT-110105-EHC", "北京市朝阳区电子健康卡测试服务点", "110105");
        String cardNo = fixtures.card("110105", inst, name, CardStatus.ACTIVE);
        String residentId = users.as("clerk", () -> cards.find(cardNo)).orElseThrow().residentId();
        return SecurityContextUsers.runAsSystem(() -> residents.details(residentId, "测试")).documentNumber();
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private long masterIndexDocuments(String type, String number) {
        return count("select count(*) from ehc_master_index_document where document_index = ?",
                residents.documentIndex(type, number));
    }

    private void assertSameNotFound(ResponseEntity<String> response, JsonNode reference) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(body(response)).as("one answer for all: no oracle").isEqualTo(reference);
    }

    private String terminal() {
        String id = "IT-ATTACK-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        ResponseEntity<String> created = post("admin", "/api/v1/ehc/terminals",
                Map.of("terminalId", id, "institutionCode", hospital, "manufacturerCode",
                        EhcTestSupport.TERMINAL_MAKER, "terminalModel", EhcTestSupport.TERMINAL_MODEL, "description", "收费窗口扫码枪"));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private JsonNode verify(String terminalId, String qrText, String scene) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("qrText", qrText);
        request.put("terminalId", terminalId);
        if (scene != null) {
            request.put("scene", scene);
        }
        ResponseEntity<String> response = post("platform", "/api/v1/ehc/verifications", request);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return body(response);
    }

    private static void assertRefused(JsonNode answer, RefusalReason reason) {
        assertThat(answer.get("result").asText()).as(answer.toString()).isEqualTo("REFUSED");
        assertThat(answer.get("reason").asText()).isEqualTo(reason.name());
        assertThat(answer.get("message").asText()).isEqualTo(reason.message());
        assertThat(answer.has("masterIndexId")).as("nothing about the person").isFalse();
    }

    // ---- the gateway, set up through the admin API ---------------------------------------------------------------

    private EhcAppClient authorisedApp(String institutionCode, GatewayMethod... methods) {
        String sdkId = "SDK-ATTACK-" + SEQUENCE.incrementAndGet();
        assertThat(post("admin", "/api/v1/ehc/sdks", Map.of("sdkId", sdkId, "name", "电子健康卡SDK（攻击测试）",
                "sdkVersion", "2.1.0", "developer", "测试开发单位", "methods",
                java.util.Arrays.stream(methods).map(GatewayMethod::code).toList())).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        Map<String, String> app = new LinkedHashMap<>();
        app.put("name", "攻击测试APP " + SEQUENCE.incrementAndGet());
        app.put("developer", "测试开发单位");
        if (institutionCode != null) {
            app.put("institutionCode", institutionCode);
        }
        ResponseEntity<String> created = post("admin", "/api/v1/ehc/apps", app);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String appId = body(created).get("appId").asText();
        assertThat(post("admin", "/api/v1/ehc/apps/" + appId + "/authorizations", Map.of("sdkId", sdkId))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        String secret = body(post("admin", "/api/v1/ehc/apps/" + appId + "/secret", Map.of())).get("appSecret")
                .asText();
        return new EhcAppClient(appId, secret);
    }

    private ResponseEntity<String> gatewayRegister(EhcAppClient app, String idNumber, String name) {
        try {
            String biz = json.writeValueAsString(Map.of("document_type", "01", "document_number", idNumber,
                    "name", name));
            return post(null, "/api/v1/ehc/gateway", app.envelope(GatewayMethod.REGISTER.code(), "PHONE-X", biz,
                    true));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode served(EhcAppClient app, ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        Map<String, String> answer = json.readValue(response.getBody(), new TypeReference<>() {
        });
        return json.readTree(app.body(answer));
    }

    // ---- defect 1: registration ---------------------------------------------------------------------------------

    @Test
    @DisplayName("EHC-03 EHC-01 ORG-05 SEC-02 a registration for a resident outside the caller's region, under a wrong name, or naming an unknown person as the same is 404 with one body, and writes nothing (no master index, no account, no linked document)")
    void registrationOutsideTheRegionOrUnderAWrongName() {
        String idNumber = beijingHolder("真名人");
        JsonNode notFound = body(register("shclerk", idNumber, "不相干"));

        // Shanghai, wrong name (the attack) and right name
        assertSameNotFound(register("shclerk", idNumber, "不相干"), notFound);
        assertSameNotFound(register("shclerk", idNumber, "真名人"), notFound);
        // Beijing, wrong name
        assertSameNotFound(register("clerk", idNumber, "不相干"), notFound);
        assertSameNotFound(register("platform", idNumber, "真名"), notFound);
        // a passport naming, as the same person, an ID card nobody registered
        String passport = "E" + (10_000_000 + System.nanoTime() % 89_999_999);
        Map<String, Object> unknownSameAs = registration("03", passport, "真名人");
        unknownSameAs.put("sameAsDocumentType", "01");
        unknownSameAs.put("sameAsDocumentNumber", TestResidents.newResident("无此人").documentNumber());
        assertSameNotFound(post("clerk", "/api/v1/ehc/cards", unknownSameAs), notFound);
        // a Shanghai passport naming the Beijing resident's ID card as the same person (a master-index write)
        Map<String, Object> foreignSameAs = registration("03", passport, "真名人");
        foreignSameAs.put("sameAsDocumentType", "01");
        foreignSameAs.put("sameAsDocumentNumber", idNumber);
        assertSameNotFound(post("shclerk", "/api/v1/ehc/cards", foreignSameAs), notFound);
        assertThat(masterIndexDocuments("01", idNumber)).as("no master index for the resident").isZero();
        assertThat(masterIndexDocuments("03", passport)).isZero();

        // the resident's own region with the right name registers; then Shanghai still learns nothing
        ResponseEntity<String> created = register("clerk", idNumber, "真名人");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String ehcId = body(created).get("ehcId").asText();
        assertThat(register("clerk", idNumber, "真名人").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertSameNotFound(register("shclerk", idNumber, "真名人"), notFound);
        assertSameNotFound(register("clerk", idNumber, "不相干"), notFound);
        assertSameNotFound(post("shclerk", "/api/v1/ehc/cards", foreignSameAs), notFound);
        assertThat(masterIndexDocuments("03", passport)).isZero();

        // a visit card bound by Shanghai to the Beijing e-card: not found, nothing bound (EHC-07 ORG-05)
        ResponseEntity<String> visit = post("shclerk", "/api/v1/ehc/visit-cards", Map.of("ehcId", ehcId,
                "visitCardNo", "SH-JZ-" + SEQUENCE.incrementAndGet()));
        assertThat(visit.getStatusCode()).as(visit.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(visit.getBody()).doesNotContain(ehcId);
        assertThat(count("select count(*) from ehc_visit_card v join ehc_account a on a.master_index_id = "
                + "v.master_index_id where a.ehc_id = ?", ehcId)).isZero();
        // the desk's link of a second document: outside the region answers like an unknown document
        ResponseEntity<String> link = post("shclerk", "/api/v1/ehc/master-index/documents", Map.of(
                "knownDocumentType", "01", "knownDocumentNumber", idNumber,
                "addedDocumentType", "03", "addedDocumentNumber", passport));
        ResponseEntity<String> linkUnknown = post("shclerk", "/api/v1/ehc/master-index/documents", Map.of(
                "knownDocumentType", "03", "knownDocumentNumber", "G99999999",
                "addedDocumentType", "03", "addedDocumentNumber", passport));
        assertThat(link.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(link)).isEqualTo(body(linkUnknown));
        assertThat(masterIndexDocuments("03", passport)).isZero();
    }

    @Test
    @DisplayName("EHC-03 ORG-05 SEC-02 a person without a resident record is registered in the caller's region; other regions and a wrong full name get the same 404 afterwards — the keyed full-name index, not the mask (a two-character name's mask is the surname alone)")
    void personWithoutAResidentRecord() {
        ResidentData person = TestResidents.newResident("王五");
        ResponseEntity<String> created = register("shclerk", person.documentNumber(), "王五");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(body(created).get("regionCode").asText()).isEqualTo("310104");
        assertThat(body(created).get("nameMasked").asText()).isEqualTo("王*");
        assertThat(count("select count(*) from ehc_account where ehc_id = ? and name_index is not null",
                body(created).get("ehcId").asText())).isEqualTo(1);
        assertThat(register("shclerk", person.documentNumber(), "王五").getStatusCode()).isEqualTo(HttpStatus.OK);

        JsonNode notFound = body(register("clerk", person.documentNumber(), "王五"));
        assertSameNotFound(register("clerk", person.documentNumber(), "王五"), notFound);
        // same surname, same mask 王*, another person's name
        assertSameNotFound(register("shclerk", person.documentNumber(), "王六"), notFound);
    }

    @Test
    @DisplayName("EHC-06 EHC-03 ORG-05 SEC-02 through the gateway: an app of a Shanghai institution registering a Beijing resident, and a national app under a wrong name, get the same 404 NOT_FOUND; the national app with the right name is served")
    void gatewayRegistration() throws Exception {
        String idNumber = beijingHolder("网关人");
        EhcAppClient shanghaiApp = authorisedApp("SH-310104", GatewayMethod.REGISTER);
        EhcAppClient nationalApp = authorisedApp(null, GatewayMethod.REGISTER);

        ResponseEntity<String> foreign = gatewayRegister(shanghaiApp, idNumber, "网关人");
        ResponseEntity<String> wrongName = gatewayRegister(nationalApp, idNumber, "不相干");
        assertThat(foreign.getStatusCode()).as(foreign.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(wrongName.getStatusCode()).as(wrongName.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(foreign).get("detail")).isEqualTo(body(wrongName).get("detail"));
        assertThat(masterIndexDocuments("01", idNumber)).isZero();
        assertThat(count("select count(*) from audit_event where event_type = 'GatewayRequestRefused' and "
                + "subject_id = ? and detail like 'REFUSED NOT_FOUND%'", shanghaiApp.appId())).isEqualTo(1);

        JsonNode registered = served(nationalApp, gatewayRegister(nationalApp, idNumber, "网关人"));
        assertThat(registered.get("created").asBoolean()).isTrue();
        assertThat(gatewayRegister(shanghaiApp, idNumber, "网关人").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private ResponseEntity<String> gateway(EhcAppClient app, GatewayMethod method, Map<String, String> biz) {
        try {
            return post(null, "/api/v1/ehc/gateway", app.envelope(method.code(), "PHONE-Y",
                    json.writeValueAsString(biz), true));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("INT-05 EHC-04 EHC-06 SEC-02 a person registered only through an app is recognised by the keyed index of the full name: another two-character name with the same mask (李*) gets no personal query and no QR code")
    void appOnlyPersonByFullName() throws Exception {
        EhcAppClient app = authorisedApp(null, GatewayMethod.REGISTER, GatewayMethod.QR_CODE,
                GatewayMethod.PERSONAL_QUERY);
        String idNumber = TestResidents.newResident("李四").documentNumber();
        assertThat(served(app, gatewayRegister(app, idNumber, "李四")).get("name_masked").asText()).isEqualTo("李*");

        Map<String, String> right = Map.of("document_type", "01", "document_number", idNumber, "name", "李四");
        Map<String, String> sameMask = Map.of("document_type", "01", "document_number", idNumber, "name", "李五");
        assertThat(served(app, gateway(app, GatewayMethod.PERSONAL_QUERY, right)).get("ecard").get("name_masked")
                .asText()).isEqualTo("李*");
        ResponseEntity<String> query = gateway(app, GatewayMethod.PERSONAL_QUERY, sameMask);
        assertThat(query.getStatusCode()).as(query.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
        Map<String, String> qr = new LinkedHashMap<>(sameMask);
        qr.put("qr_type", "DYNAMIC");
        ResponseEntity<String> code = gateway(app, GatewayMethod.QR_CODE, qr);
        assertThat(code.getStatusCode()).as(code.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(code).get("detail")).isEqualTo(body(query).get("detail"));
        assertThat(gatewayRegister(app, idNumber, "李五").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    // ---- defect 2: dynamic codes --------------------------------------------------------------------------------

    @Test
    @DisplayName("EHC-04 EHC-05 SEC-02 a dynamic code's validity spliced behind another e-card ID is MALFORMED (the validity key is the e-card's own); a SETTLEMENT code is accepted once and then REFUSED CODE_ALREADY_USED, also at another terminal; repeatable scenes accept it again and write nothing")
    void splicedAndReplayedDynamicCodes() {
        String idA = beijingHolder("甲方人");
        String idB = beijingHolder("乙方人");
        String ehcA = body(register("clerk", idA, "甲方人")).get("ehcId").asText();
        String ehcB = body(register("clerk", idB, "乙方人")).get("ehcId").asText();
        String terminal = terminal();
        String other = terminal();

        String codeA = body(post("platform", "/api/v1/ehc/cards/dynamic-qr", Map.of("ehcId", ehcA))).get("text")
                .asText();
        assertThat(codeA).startsWith(ehcA + ":0:");
        String spliced = ehcB + codeA.substring(ehcA.length());
        assertRefused(verify(terminal, spliced, "SETTLEMENT"), RefusalReason.MALFORMED);
        assertRefused(verify(terminal, spliced, "SETTLEMENT"), RefusalReason.MALFORMED);
        assertRefused(verify(terminal, spliced, "CONSULTATION"), RefusalReason.MALFORMED);

        long usedBefore = count("select count(*) from ehc_used_code");
        // repeatable scenes: any number of times, no row written
        assertThat(verify(terminal, codeA, "CONSULTATION").get("result").asText()).isEqualTo("VERIFIED");
        assertThat(verify(terminal, codeA, "RECORD_QUERY").get("result").asText()).isEqualTo("VERIFIED");
        assertThat(verify(terminal, codeA, null).get("result").asText()).isEqualTo("VERIFIED");
        assertThat(count("select count(*) from ehc_used_code")).isEqualTo(usedBefore);

        JsonNode settled = verify(terminal, codeA, "SETTLEMENT");
        assertThat(settled.get("result").asText()).as(settled.toString()).isEqualTo("VERIFIED");
        assertThat(settled.get("nameMasked").asText()).isEqualTo("甲*人");
        assertRefused(verify(terminal, codeA, "SETTLEMENT"), RefusalReason.CODE_ALREADY_USED);
        assertRefused(verify(other, codeA.toLowerCase(), "SETTLEMENT"), RefusalReason.CODE_ALREADY_USED);
        assertThat(count("select count(*) from ehc_used_code")).isEqualTo(usedBefore + 1);
        assertThat(verify(terminal, codeA, "CONSULTATION").get("result").asText()).isEqualTo("VERIFIED");

        auditBatches.flush();
        assertThat(jdbc.queryForList("select detail from audit_event where event_type = 'EhcVerified' and "
                + "subject_id = ? order by id", String.class, terminal))
                .anySatisfy(d -> assertThat(d).startsWith("CODE_ALREADY_USED SETTLEMENT 主索引 "));
    }

    // ---- item 3b: the e-card ID never in a URL or the audit log ---------------------------------------------------

    @Test
    @DisplayName("EHC-02 SEC-02 the e-card ID is taken in request bodies only (account, static and dynamic code, PNG, PDF); the former URL forms are gone, answers do not echo it, and the audit entry of an opening does not carry it (audit details go to Elasticsearch)")
    void ehcIdNeverInAUrl() {
        String idNumber = beijingHolder("链接人");
        JsonNode account = body(register("clerk", idNumber, "链接人"));
        String ehcId = account.get("ehcId").asText();

        assertThat(body(post("clerk", "/api/v1/ehc/cards/find", Map.of("ehcId", ehcId))).get("masterIndexId")
                .asText()).isEqualTo(account.get("masterIndexId").asText());
        assertThat(body(post("clerk", "/api/v1/ehc/cards/static-qr", Map.of("ehcId", ehcId))).get("text").asText())
                .isEqualTo(ehcId + ":1");
        assertThat(body(post("clerk", "/api/v1/ehc/cards/dynamic-qr", Map.of("ehcId", ehcId))).get("text").asText())
                .startsWith(ehcId + ":0:");
        ResponseEntity<String> png = post("clerk", "/api/v1/ehc/cards/qr.png", Map.of("ehcId", ehcId,
                "type", "DYNAMIC"));
        assertThat(png.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(png.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        ResponseEntity<String> pdf = post("clerk", "/api/v1/ehc/cards/qr.pdf", Map.of("ehcId", ehcId));
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        ResponseEntity<String> missing = post("clerk", "/api/v1/ehc/cards/static-qr", Map.of());
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(missing).get("errors").findValuesAsText("field")).containsExactly("ehcId");
        ResponseEntity<String> foreign = post("shclerk", "/api/v1/ehc/cards/static-qr", Map.of("ehcId", ehcId));
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.getBody()).doesNotContain(ehcId);

        for (String path : new String[] {"/api/v1/ehc/cards/" + ehcId, "/api/v1/ehc/cards/" + ehcId + "/static-qr",
                "/api/v1/ehc/cards/" + ehcId + "/qr.png", "/api/v1/ehc/cards/" + ehcId + "/qr.pdf"}) {
            // not served by the e-card API any more (whatever the catch-all of the web app answers)
            ResponseEntity<String> gone = rest.withBasicAuth("clerk", "demo1234").getForEntity(path, String.class);
            assertThat(String.valueOf(gone.getBody())).as(path).doesNotContain(account.get("masterIndexId").asText(),
                    ehcId + ":1");
        }
        ResponseEntity<String> gone = post("clerk", "/api/v1/ehc/cards/" + ehcId + "/dynamic-qr", Map.of());
        assertThat(String.valueOf(gone.getBody())).doesNotContain(ehcId + ":0:");
        assertThat(jdbc.queryForList("select detail from audit_event where subject_id = ?", String.class,
                account.get("masterIndexId").asText())).isNotEmpty().noneMatch(d -> d.contains(ehcId));
    }
}

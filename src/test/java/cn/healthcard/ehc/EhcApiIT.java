package cn.healthcard.ehc;

import cn.healthcard.audit.internal.AuditBatchWriter;
import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardChange;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.JsonHttp;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
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

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The e-card API over real HTTP: registration, QR codes, verification by terminals with every reason, counts. */
@IntegrationTest
class EhcApiIT {

    private static final AtomicInteger TERMINALS = new AtomicInteger();

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired EhcIdAlgorithm ehcIds;
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

    private ResponseEntity<String> post(String user, String path, Object body) {
        return JsonHttp.post(rest, json, user, path, body);
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, "demo1234").getForEntity(path, String.class);
    }

    private JsonNode body(ResponseEntity<String> response) {
        return JsonHttp.read(json, response);
    }

    /** A new terminal of the test hospital, registered over the API by the admin. */
    private String terminal() {
        String id = "IT-EHC-API-" + TERMINALS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        ResponseEntity<String> created = post("admin", "/api/v1/ehc/terminals",
                Map.of("terminalId", id, "institutionCode", hospital, "manufacturerCode",
                        EhcTestSupport.TERMINAL_MAKER, "terminalModel", EhcTestSupport.TERMINAL_MODEL, "description", "挂号窗口扫码枪"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(body(created).get("regionCode").asText()).isEqualTo("110105");
        return id;
    }

    private JsonNode verify(String user, String terminalId, String qrText, String scene) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("qrText", qrText);
        request.put("terminalId", terminalId);
        if (scene != null) {
            request.put("scene", scene);
        }
        ResponseEntity<String> response = post(user, "/api/v1/ehc/verifications", request);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return body(response);
    }

    private void assertRefused(JsonNode answer, String reason) {
        assertThat(answer.get("result").asText()).as(answer.toString()).isEqualTo("REFUSED");
        assertThat(answer.get("reason").asText()).isEqualTo(reason);
        assertThat(answer.get("message").asText()).isEqualTo(RefusalReason.valueOf(reason).message());
        assertThat(answer.has("masterIndexId")).as("nothing about the person").isFalse();
        assertThat(answer.has("nameMasked")).isFalse();
    }

    /** A card holder with an e-card registered by an institution terminal. */
    private record Holder(String ehcId, String idNumber, String cardNo) {
    }

    private String ehcIdOfHolder(String holder, CardStatus status) {
        return holder(holder, status).ehcId();
    }

    /** A card holder's e-card, registered by a terminal; the card then moved to {@code status}. */
    private Holder holder(String holder, CardStatus status) {
        String inst = fixtures.institution("IT-110105-EHC", "北京市朝阳区电子健康卡测试服务点", "110105");
        String cardNo = fixtures.card("110105", inst, holder, CardStatus.ACTIVE);
        String idNumber = idNumberOf(cardNo);
        String ehcId = body(post("clerk", "/api/v1/ehc/cards", Map.of("documentType", "01",
                "documentNumber", idNumber, "name", holder, "channel", "INSTITUTION_TERMINAL",
                "clientId", "KIOSK-01"))).get("ehcId").asText();
        if (status == CardStatus.REPORTED_LOST) {
            transition(cardNo, CardAction.REPORT_LOSS);
        } else if (status == CardStatus.CANCELLED) {
            transition(cardNo, CardAction.CANCEL);
        }
        return new Holder(ehcId, idNumber, cardNo);
    }

    private String idNumberOf(String cardNo) {
        String residentId = users.as("clerk", () -> cards.find(cardNo)).orElseThrow().residentId();
        return SecurityContextUsers.runAsSystem(() -> residents.details(residentId, "测试")).documentNumber();
    }

    private void transition(String cardNo, CardAction action) {
        SecurityContextUsers.runAsSystem(() -> cards.transition(cardNo, action, CardChange.because("测试")));
    }

    @Test
    @DisplayName("EHC-03 INT-06 SEC-02 POST /api/v1/ehc/cards registers an e-card account: 201 (no Location: the e-card ID never in a URL), 200 with the same account the second time; 400 names each bad field; 401 and 403")
    void registration() {
        ResidentData person = TestResidents.newResident("注册人");
        Map<String, Object> request = Map.of("documentType", "01", "documentNumber", person.documentNumber(),
                "name", "注册人", "channel", "APP", "clientId", "APP-HEALTH-BJ");

        ResponseEntity<String> created = post("platform", "/api/v1/ehc/cards", request);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode account = body(created);
        assertThat(created.getHeaders().getLocation()).as("no e-card ID in a URL (issue #10)").isNull();
        assertThat(account.get("created").asBoolean()).isTrue();
        assertThat(account.get("ehcId").asText()).matches("[0-9A-F]{64}");
        assertThat(account.get("masterIndexId").asText()).matches("[0-9A-F]{64}");
        assertThat(account.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(account.get("origin").asText()).isEqualTo("REGISTERED");
        assertThat(account.get("channel").asText()).isEqualTo("APP");
        assertThat(account.get("nameMasked").asText()).isEqualTo("注*人");
        assertThat(account.get("documentNumberMasked").asText()).isEqualTo(
                person.documentNumber().substring(0, 4) + "**********" + person.documentNumber().substring(14));
        assertThat(created.getBody()).doesNotContain(person.documentNumber());

        ResponseEntity<String> again = post("platform", "/api/v1/ehc/cards", request);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(body(again).get("created").asBoolean()).isFalse();
        assertThat(body(again).get("ehcId").asText()).isEqualTo(account.get("ehcId").asText());
        assertThat(body(post("clerk", "/api/v1/ehc/cards/find", Map.of("ehcId", account.get("ehcId").asText())))
                .get("masterIndexId").asText()).isEqualTo(account.get("masterIndexId").asText());

        ResponseEntity<String> bad = post("platform", "/api/v1/ehc/cards", Map.of("documentType", "01",
                "documentNumber", "123", "channel", "FAX"));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(bad).get("errors").findValuesAsText("field")).containsExactly("channel");
        ResponseEntity<String> invalid = post("platform", "/api/v1/ehc/cards", Map.of("documentType", "01",
                "documentNumber", "123", "channel", "APP"));
        assertThat(body(invalid).get("errors").findValuesAsText("field"))
                .containsExactly("documentNumber", "name", "sex", "birthDate");
        assertThat(post("auditor", "/api/v1/ehc/cards", request).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(null, "/api/v1/ehc/cards", request).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    @DisplayName("EHC-05 EHC-04 a registered terminal's verification identifies the resident (masked, with the master index ID) or answers exactly why not: UNREGISTERED_TERMINAL, MALFORMED, UNKNOWN, MALFORMED validity, EXPIRED, FROZEN, REVOKED, DYNAMIC_REQUIRED; every call audited")
    void verifications() {
        String terminal = terminal();
        String active = ehcIdOfHolder("核验甲", CardStatus.ACTIVE);
        String frozen = ehcIdOfHolder("核验乙", CardStatus.REPORTED_LOST);
        String revoked = ehcIdOfHolder("核验丙", CardStatus.CANCELLED);

        JsonNode ok = verify("platform", terminal, active + ":1", "REGISTRATION");
        assertThat(ok.get("result").asText()).isEqualTo("VERIFIED");
        assertThat(ok.get("codeType").asText()).isEqualTo("STATIC");
        assertThat(ok.get("masterIndexId").asText()).matches("[0-9A-F]{64}");
        assertThat(ok.get("nameMasked").asText()).isEqualTo("核*甲");
        assertThat(ok.get("sexCode").asText()).isEqualTo("1");
        assertThat(ok.get("birthYear").asInt()).isBetween(1984, 1990);
        assertThat(ok.get("documentType").asText()).isEqualTo("01");
        assertThat(ok.get("documentNumberMasked").asText()).matches("1101\\*{10}[0-9X]{4}");
        assertThat(ok.get("ehcStatus").asText()).isEqualTo("ACTIVE");
        assertThat(ok.has("reason")).isFalse();

        JsonNode dynamic = body(post("platform", "/api/v1/ehc/cards/dynamic-qr", Map.of("ehcId", active)));
        assertThat(dynamic.get("type").asText()).isEqualTo("DYNAMIC");
        JsonNode settled = verify("platform", terminal, dynamic.get("text").asText(), "SETTLEMENT");
        assertThat(settled.get("result").asText()).isEqualTo("VERIFIED");
        assertThat(settled.get("codeType").asText()).isEqualTo("DYNAMIC");
        assertThat(settled.get("validUntil").asText()).isEqualTo(dynamic.get("validUntil").asText());

        assertRefused(verify("platform", terminal, active + ":1", "SETTLEMENT"), "DYNAMIC_REQUIRED");
        assertRefused(verify("platform", terminal, "https://example.com/not-a-health-card", null), "MALFORMED");
        assertRefused(verify("platform", terminal, active + ":2", null), "MALFORMED");
        String text = dynamic.get("text").asText();
        char last = text.charAt(text.length() - 1);
        assertRefused(verify("platform", terminal, text.substring(0, text.length() - 1) + (last == '0' ? '1' : '0'),
                null), "MALFORMED");
        String expired = active + ":0:" + ehcIds.encryptValidity("110105",
                ok.get("masterIndexId").asText(), LocalDateTime.now(ZoneId.of("Asia/Shanghai")).minusMinutes(1));
        assertRefused(verify("platform", terminal, expired, null), "EXPIRED");
        assertRefused(verify("platform", terminal, "0123456789ABCDEF".repeat(4) + ":1", null), "UNKNOWN");
        // the account is read before the validity is decrypted: an unknown e-card with a forged validity is UNKNOWN
        assertRefused(verify("platform", terminal, "0123456789ABCDEF".repeat(4) + ":0:" + "0".repeat(32), null),
                "UNKNOWN");
        assertRefused(verify("platform", terminal, frozen + ":1", null), "FROZEN");
        assertRefused(verify("platform", terminal, revoked + ":1", null), "REVOKED");

        assertRefused(verify("platform", "NO-SUCH-TERMINAL", active + ":1", null), "UNREGISTERED_TERMINAL");
        assertRefused(verify("shclerk", terminal, active + ":1", null), "UNREGISTERED_TERMINAL");
        String disabled = terminal();
        assertThat(body(post("supervisor", "/api/v1/ehc/terminals/" + disabled + "/state",
                Map.of("state", "DISABLED"))).get("state").asText()).isEqualTo("DISABLED");
        assertRefused(verify("platform", disabled, active + ":1", null), "UNREGISTERED_TERMINAL");
        assertThat(body(post("supervisor", "/api/v1/ehc/terminals/" + disabled + "/state",
                Map.of("state", "ACTIVE"))).get("state").asText()).isEqualTo("ACTIVE");
        assertThat(verify("platform", disabled, active + ":1", null).get("result").asText()).isEqualTo("VERIFIED");

        // not a verification request at all: 400 and nothing counted
        ResponseEntity<String> noTerminal = post("platform", "/api/v1/ehc/verifications", Map.of("qrText", "x"));
        assertThat(noTerminal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(noTerminal).get("errors").findValuesAsText("field")).containsExactly("terminalId");
        assertThat(post("platform", "/api/v1/ehc/verifications", Map.of("qrText", "x", "terminalId", terminal,
                "scene", "SHOPPING")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post(null, "/api/v1/ehc/verifications", Map.of("qrText", "x", "terminalId", terminal))
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post("auditor", "/api/v1/ehc/verifications", Map.of("qrText", "x", "terminalId", terminal))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // every verification is in the audit log (appended in batches: decision 016), with the terminal as the
        // subject and the outcome, and the master index once the account was read
        auditBatches.flush();
        assertThat(jdbc.queryForList("select detail from audit_event where event_type = 'EhcVerified' and "
                + "subject_id = ? order by id", String.class, terminal)).hasSize(12)
                .satisfies(details -> {
                    assertThat(details.get(0)).startsWith("VERIFIED REGISTRATION 主索引 ");
                    assertThat(details.get(2)).startsWith("DYNAMIC_REQUIRED SETTLEMENT 主索引 ");
                    assertThat(details.get(3)).isEqualTo("MALFORMED");
                    assertThat(details.get(5)).startsWith("MALFORMED 主索引 ");
                    assertThat(details.get(6)).startsWith("EXPIRED 主索引 ");
                    assertThat(details.get(7)).isEqualTo("UNKNOWN");
                    assertThat(details.get(8)).isEqualTo("UNKNOWN");
                    assertThat(details.get(9)).startsWith("FROZEN 主索引 ");
                    assertThat(details.get(10)).startsWith("REVOKED 主索引 ");
                    assertThat(details.get(11)).isEqualTo("UNREGISTERED_TERMINAL");
                });
        assertThat(jdbc.queryForObject("select count(*) from audit_event where event_type = 'EhcVerified' and "
                + "subject_id = 'NO-SUCH-TERMINAL'", Long.class)).isEqualTo(1);
    }

    @Test
    @DisplayName("SUP-03 EHC-05 verifications are counted per institution and terminal and outcome: GET /api/v1/ehc/verifications/stats for supervisors, auditors and admins")
    void countsPerTerminal() {
        String first = terminal();
        String second = terminal();
        String ehcId = ehcIdOfHolder("统计甲", CardStatus.ACTIVE);
        verify("platform", first, ehcId + ":1", null);
        verify("platform", first, ehcId + ":1", "CONSULTATION");
        verify("platform", first, "FEDCBA9876543210".repeat(4) + ":1", null);
        verify("platform", second, "garbage", null);

        JsonNode one = body(get("supervisor", "/api/v1/ehc/verifications/stats?terminal=" + first));
        assertThat(one.get("rows")).hasSize(1);
        JsonNode row = one.get("rows").get(0);
        assertThat(row.get("institutionCode").asText()).isEqualTo(hospital);
        assertThat(row.get("terminalId").asText()).isEqualTo(first);
        assertThat(row.get("verified").asLong()).isEqualTo(2);
        assertThat(row.get("refused").asLong()).isEqualTo(1);
        assertThat(row.get("total").asLong()).isEqualTo(3);
        assertThat(row.get("byOutcome").toString()).isEqualTo("{\"UNKNOWN\":1,\"VERIFIED\":2}");
        assertThat(one.get("total").asLong()).isEqualTo(3);

        JsonNode both = body(get("auditor", "/api/v1/ehc/verifications/stats?institution=" + hospital));
        assertThat(both.get("rows").findValuesAsText("terminalId")).contains(first, second);
        JsonNode secondRow = both.get("rows").findParents("terminalId").stream()
                .filter(n -> n.get("terminalId").asText().equals(second)).findFirst().orElseThrow();
        assertThat(secondRow.get("byOutcome").toString()).isEqualTo("{\"MALFORMED\":1}");

        // more verifications are counted on top (the counters add up in batches)
        verify("platform", first, ehcId + ":1", null);
        assertThat(body(get("admin", "/api/v1/ehc/verifications/stats?terminal=" + first)).get("rows").get(0)
                .get("verified").asLong()).isEqualTo(3);
        assertThat(body(get("supervisor", "/api/v1/ehc/verifications/stats?terminal=" + first + "&from=2000-01-01&to="
                + "2000-01-31")).get("rows")).isEmpty();
        assertThat(get("supervisor", "/api/v1/ehc/verifications/stats?from=yesterday").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("clerk", "/api/v1/ehc/verifications/stats").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(body(get("shsupervisor", "/api/v1/ehc/verifications/stats?terminal=" + first)).get("rows"))
                .as("another province sees nothing of Beijing's terminals").isEmpty();
    }

    @Test
    @DisplayName("SUP-03 EHC-05 the stats query is one bound record: a day not yyyy-MM-dd answers 400 naming from or to, well-formed days and filters are served, and the OpenAPI document lists the parameters")
    void statsQueryIsBound() {
        String terminal = terminal();
        verify("platform", terminal, "garbage", null);
        JsonNode defaults = body(get("supervisor", "/api/v1/ehc/verifications/stats?from=&terminal=" + terminal));
        String today = defaults.get("from").asText();
        assertThat(LocalDate.parse(today)).as("an empty day is the default, today (China time)")
                .isBetween(LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1), LocalDate.now(ZoneId.of("Asia/Shanghai")));
        assertThat(defaults.get("to").asText()).isEqualTo(today);
        assertThat(defaults.get("total").asLong()).isEqualTo(1);

        assertBadQuery("/api/v1/ehc/verifications/stats?from=yesterday", "from");
        assertBadQuery("/api/v1/ehc/verifications/stats?to=2026-13-01", "to");
        assertBadQuery("/api/v1/ehc/verifications/stats?from=2026-11-01&to=2026-10-01", "to");
        ResponseEntity<String> both = get("supervisor", "/api/v1/ehc/verifications/stats?from=1.1.2026&to=x");
        assertThat(both.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(both).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("from", "to");

        JsonNode served = body(get("supervisor", "/api/v1/ehc/verifications/stats?from=" + today + "&to=" + today
                + "&institution=" + hospital + "&terminal=" + terminal));
        assertThat(served.get("from").asText()).isEqualTo(today);
        assertThat(served.get("to").asText()).isEqualTo(today);
        assertThat(served.get("rows")).hasSize(1);
        assertThat(served.get("rows").get(0).get("byOutcome").toString()).isEqualTo("{\"MALFORMED\":1}");

        JsonNode parameters = body(rest.getForEntity("/v3/api-docs", String.class))
                .at("/paths/~1api~1v1~1ehc~1verifications~1stats/get/parameters");
        assertThat(parameters.findValuesAsText("name")).containsExactlyInAnyOrder("from", "to", "institution",
                "terminal");
        assertThat(parameters.findValuesAsText("in")).containsOnly("query");
        assertThat(parameters.findValues("format").stream().map(JsonNode::asText)).contains("date");
    }

    private void assertBadQuery(String url, String parameter) {
        ResponseEntity<String> answer = get("supervisor", url);
        assertThat(answer.getStatusCode()).as(url).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = body(answer);
        assertThat(problem.get("type").asText()).isEqualTo("urn:healthcard:problem:invalid-data");
        assertThat(problem.get("errors").findValuesAsText("field")).as(url).containsExactly(parameter);
        assertThat(problem.get("errors").get(0).get("message").asText()).as(url).containsPattern("\\p{IsHan}");
    }

    @Test
    @DisplayName("EHC-07 EHC-01 a hospital binds its visit card to the master index of an e-card; the master index lists documents, cards, the e-card and the visit cards")
    void visitCards() {
        Holder holder = holder("就诊甲", CardStatus.ACTIVE);
        String ehcId = holder.ehcId();
        String visitCardNo = "JZ" + System.nanoTime() % 100_000_000;
        ResponseEntity<String> bound = post("platform", "/api/v1/ehc/visit-cards", Map.of("ehcId", ehcId,
                "institutionCode", hospital, "visitCardNo", visitCardNo));
        assertThat(bound.getStatusCode()).as(bound.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(body(bound).get("institutionName").asText()).isEqualTo("北京市朝阳区测试医院");
        assertThat(post("platform", "/api/v1/ehc/visit-cards", Map.of("ehcId", ehcId, "institutionCode", hospital,
                "visitCardNo", visitCardNo)).getStatusCode()).as("binding again changes nothing")
                .isEqualTo(HttpStatus.OK);

        String masterIndexId = body(post("clerk", "/api/v1/ehc/cards/find", Map.of("ehcId", ehcId)))
                .get("masterIndexId").asText();
        JsonNode index = body(get("supervisor", "/api/v1/ehc/master-index/" + masterIndexId));
        assertThat(index.get("ehcId").asText()).isEqualTo(ehcId);
        assertThat(index.get("cardNos").get(0).asText()).isEqualTo(holder.cardNo());
        assertThat(index.get("documents")).hasSize(1);
        assertThat(index.get("visitCards")).hasSize(1);
        assertThat(index.get("visitCards").get(0).get("visitCardNo").asText()).isEqualTo(visitCardNo);
        assertThat(index.get("visitCards").get(0).get("institutionCode").asText()).isEqualTo(hospital);

        String other = ehcIdOfHolder("就诊乙", CardStatus.ACTIVE);
        ResponseEntity<String> taken = post("platform", "/api/v1/ehc/visit-cards", Map.of("ehcId", other,
                "institutionCode", hospital, "visitCardNo", visitCardNo));
        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(taken).get("code").asText()).isEqualTo("VISIT_CARD_OF_ANOTHER_PERSON");
        assertThat(post("platform", "/api/v1/ehc/visit-cards", Map.of("ehcId", other, "visitCardNo", " "))
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // the clerk joins the holder's passport, having seen it with the ID card (EHC-01)
        String passport = "E" + (10_000_000 + System.nanoTime() % 89_999_999);
        ResponseEntity<String> linked = post("clerk", "/api/v1/ehc/master-index/documents", Map.of(
                "knownDocumentType", "01", "knownDocumentNumber", holder.idNumber(),
                "addedDocumentType", "03", "addedDocumentNumber", passport));
        assertThat(linked.getStatusCode()).as(linked.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(body(linked).get("id").asText()).isEqualTo(masterIndexId);
        assertThat(body(linked).get("documents").findValuesAsText("documentType")).containsExactly("01", "03");
        assertThat(body(linked).get("documents").get(1).get("verifiedBy").asText()).isEqualTo("clerk");
        assertThat(linked.getBody()).doesNotContain(holder.idNumber(), passport);
        assertThat(post("clerk", "/api/v1/ehc/master-index/documents", Map.of("knownDocumentType", "03",
                "knownDocumentNumber", "G99999999", "addedDocumentType", "03", "addedDocumentNumber", "G99999998"))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}

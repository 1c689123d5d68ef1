package cn.healthcard.lifecycle;

import cn.healthcard.card.CardService;
import cn.healthcard.ehc.EhcTestSupport;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.CardRequestScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.BeforeEach;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle API over real HTTP: each request type, history, card use, counts, problem details. */
@IntegrationTest
class CardLifecycleApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired CardApplicationService applications;
    @Autowired CardRequestService requests;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired TestUsers users;
    @Autowired cn.healthcard.ehc.TerminalService terminals;
    @Autowired cn.healthcard.institution.InstitutionService institutions;

    CardApplicationScenarios issuing;
    CardRequestScenarios scenario;

    @BeforeEach
    void setUp() {
        issuing = new CardApplicationScenarios(applications, inbox, cards, users);
        scenario = new CardRequestScenarios(requests, inbox, users);
    }

    private Map<String, Object> body(ResidentData holder, Object... keyValues) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("applicantPhone", "13912345678");
        b.put("identityDocumentType", holder.documentType());
        b.put("identityDocumentNumber", holder.documentNumber());
        for (int i = 0; i < keyValues.length; i += 2) {
            b.put((String) keyValues[i], keyValues[i + 1]);
        }
        return b;
    }

    private ResponseEntity<String> post(String user, String path, Object body) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "demo1234").exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
                String.class);
    }

    @Test
    @DisplayName("LC-08 LC-03 INT-01 POST /card-requests/{id}/withdrawal withdraws a sent-back request and frees the card; 400 without a reason, 409 when not sent back")
    void withdrawOverTheApi() throws Exception {
        ResidentData holder = TestResidents.newResident("接口撤回");
        String cardNo = issuing.issue(holder).cardNo();
        users.as("clerk", () -> cards.reportPinLock(cardNo, "T-1"));
        ResponseEntity<String> created = post("platform", "/api/v1/cards/" + cardNo + "/unlock-requests",
                body(holder, "lockDate", LocalDate.now().toString(), "lockReason", "忘记密码", "cardPresented", true));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = json.readTree(created.getBody()).get("requestId").asText();
        String withdrawal = "/api/v1/card-requests/" + id + "/withdrawal";

        ResponseEntity<String> early = post("platform", withdrawal, Map.of("reason", "不办了"));
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(json.readTree(early.getBody()).get("code").asText()).isEqualTo("NOT_AT_STEP");
        scenario.review("supervisor", id, "RETURN", "锁定日期有误");
        scenario.awaitStatus(id, RequestStatus.RETURNED);
        ResponseEntity<String> bad = post("platform", withdrawal, Map.of("reason", " "));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("\"reason\"").contains("撤回原因");
        JsonNode api = json.readTree(rest.getForEntity("/v3/api-docs", String.class).getBody());
        String ref = api.at("/paths/~1api~1v1~1card-requests~1{id}~1withdrawal/post/requestBody/content"
                + "/application~1json/schema/$ref").asText();
        assertThat(api.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1) + "/required").toString())
                .contains("reason");

        ResponseEntity<String> done = post("platform", withdrawal, Map.of("reason", "持卡人不再办理"));

        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(done.getBody()).get("status").asText()).isEqualTo("WITHDRAWN");
        ResponseEntity<String> again = post("platform", "/api/v1/cards/" + cardNo + "/unlock-requests",
                body(holder, "lockDate", LocalDate.now().toString(), "lockReason", "再次申请", "cardPresented", true));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    @DisplayName("LC-01 LC-08 INT-01 POST /loss-reports starts the same reviewed process; history and uses follow; the form prints")
    void lossReportOverTheApi() throws Exception {
        ResidentData holder = TestResidents.newResident("接口甲");
        String cardNo = issuing.issue(holder).cardNo();
        ResponseEntity<String> created = post("platform", "/api/v1/cards/" + cardNo + "/loss-reports",
                body(holder, "lossReason", "手机壳里丢失", "lossDate", LocalDate.now().toString()));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = json.readTree(created.getBody()).get("requestId").asText();
        assertThat(created.getHeaders().getLocation().getPath()).isEqualTo("/api/v1/card-requests/" + id);
        JsonNode status = json.readTree(rest.withBasicAuth("supervisor", "demo1234")
                .getForObject("/api/v1/card-requests/" + id, String.class));
        assertThat(status.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(status.get("currentSteps").get(0).asText()).isEqualTo("业务审核");

        scenario.review("supervisor", id, "APPROVE", null);
        scenario.awaitStatus(id, RequestStatus.COMPLETED);

        ResponseEntity<String> use = post("clerk", "/api/v1/cards/" + cardNo + "/uses",
                Map.of("institutionCode", EhcTestSupport.HOSPITAL, "terminalId", EhcTestSupport.terminal(terminals,
                        institutions, users, "IT-USE-01"), "scenario", "CONSULTATION"));
        assertThat(use.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        JsonNode problem = json.readTree(use.getBody());
        assertThat(problem.get("code").asText()).isEqualTo("CARD_REPORTED_LOST");
        assertThat(problem.get("detail").asText()).contains("已挂失");

        JsonNode history = json.readTree(rest.withBasicAuth("auditor", "demo1234")
                .getForObject("/api/v1/cards/" + cardNo + "/history", String.class));
        assertThat(history.findValuesAsText("to")).containsExactly("READY", "ACTIVE", "REPORTED_LOST");
        assertThat(history.get(2).get("approvedBy").asText()).isEqualTo("supervisor");

        ResponseEntity<byte[]> pdf = rest.withBasicAuth("clerk", "demo1234")
                .getForEntity("/api/v1/card-requests/" + id + "/form", byte[].class);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        String text = new PdfTextExtractor(new PdfReader(pdf.getBody())).getTextFromPage(1);
        assertThat(text).contains("居民健康卡挂失申请单").contains(cardNo).contains("接口甲").contains("手机壳里丢失")
                .contains("赵审核");
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/loss-report-from-case.pdf"), pdf.getBody());
    }

    @Test
    @DisplayName("LC-02 LC-03 INT-01 bad input answers 400 naming the fields; an illegal request answers 409 with its reason")
    void refusals() throws Exception {
        ResidentData holder = TestResidents.newResident("接口乙");
        String cardNo = issuing.issue(holder).cardNo();
        ResponseEntity<String> bad = post("platform", "/api/v1/cards/" + cardNo + "/unlock-requests",
                body(holder, "lockDate", "tomorrow"));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(bad.getBody()).get("errors").findValuesAsText("field"))
                .contains("lockReason", "lockDate", "cardPresented");

        ResponseEntity<String> illegal = post("platform", "/api/v1/cards/" + cardNo + "/unloss-requests",
                body(holder, "unlossReason", "找到了", "cardPresented", true));
        assertThat(illegal.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(json.readTree(illegal.getBody()).get("detail").asText()).contains("未挂失，不能解挂");

        ResponseEntity<String> unknownCard = post("platform", "/api/v1/cards/0000000000/cancellation-requests",
                body(holder, "cancellationReason", "x"));
        assertThat(unknownCard.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(unknownCard.getBody()).get("errors").findValuesAsText("field")).contains("cardNo");

        ResponseEntity<String> auditor = post("auditor", "/api/v1/cards/" + cardNo + "/loss-reports",
                body(holder, "lossReason", "x"));
        assertThat(auditor.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> pinLock = post("clerk", "/api/v1/cards/" + cardNo + "/pin-locks", Map.of("terminalId", "T9"));
        assertThat(json.readTree(pinLock.getBody()).get("status").asText()).isEqualTo("PIN_LOCKED");
        ResponseEntity<String> unlock = post("platform", "/api/v1/cards/" + cardNo + "/unlock-requests",
                body(holder, "lockReason", "输错三次", "lockDate", LocalDate.now().toString(), "cardPresented", true));
        assertThat(unlock.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    @DisplayName("LC-04 LC-07 INT-01 replacement and cancellation requests over the API; completed requests are counted per region")
    void replacementCancellationAndCounts() throws Exception {
        ResidentData holder = TestResidents.newResident("接口丙");
        String cardNo = issuing.issue(holder).cardNo();
        ResponseEntity<String> replacement = post("platform", "/api/v1/cards/" + cardNo + "/replacement-requests",
                body(holder, "replacementReason", "DAMAGED", "oldCardReturned", true, "feeAmount", 20,
                        "changes", java.util.List.of(Map.of("item", "phone", "newValue", "13700000000", "reason", "换号"))));
        assertThat(replacement.getStatusCode()).as(replacement.getBody()).isEqualTo(HttpStatus.CREATED);
        String id = json.readTree(replacement.getBody()).get("requestId").asText();
        scenario.review("supervisor", id, "REJECT", "资料不全");
        scenario.awaitStatus(id, RequestStatus.REJECTED);

        ResponseEntity<String> cancel = post("platform", "/api/v1/cards/" + cardNo + "/cancellation-requests",
                body(holder, "cancellationReason", "出国定居", "cardReturned", true));
        String cancelId = json.readTree(cancel.getBody()).get("requestId").asText();
        scenario.review("supervisor", cancelId, "APPROVE", null);
        scenario.awaitStatus(cancelId, RequestStatus.COMPLETED);

        JsonNode counts = json.readTree(rest.withBasicAuth("supervisor", "demo1234").getForObject(
                "/api/v1/statistics/card-requests?from=" + LocalDate.now().minusDays(1) + "&to=" + LocalDate.now().plusDays(1),
                String.class));
        assertThat(counts.findValuesAsText("regionCode")).contains("110105");
        assertThat(rest.withBasicAuth("clerk", "demo1234").getForEntity("/api/v1/statistics/card-requests?from=2026-01-01&to=2026-12-31",
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}

package cn.healthcard.filing;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.ehc.EhcTestSupport;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.JsonHttp;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Product filing over HTTP (FIL-01, FIL-02): a manufacturer's machine client applies and reads its own; another
 * manufacturer's client gets 404 for everything of it; provincial admins cannot create, modify or revoke (403); the
 * catalogue exports; and terminal registration refuses unfiled, expired and revoked models (409 naming
 * {@code terminalModel}) by service and REST.
 */
@IntegrationTest
class FilingApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired FilingService filings;
    @Autowired ManufacturerService manufacturers;
    @Autowired TaskInboxService inbox;
    @Autowired UserAdministration userAdmin;
    @Autowired ApiClientAdministration clientAdmin;
    @Autowired TerminalService terminals;
    @Autowired InstitutionService institutions;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired TestUsers users;

    ManufacturerView terminalMaker;

    @BeforeEach
    void setUp() {
        FilingFixtures.people(userAdmin, clientAdmin, users);
        FilingFixtures.boundManufacturer(manufacturers, users, "chipclient", "华芯微电子有限公司",
                ProviderType.CHIP_PROVIDER, ProviderType.COS_DEVELOPER);
        terminalMaker = FilingFixtures.boundManufacturer(manufacturers, users, "termclient", "康联终端科技有限公司",
                ProviderType.TERMINAL_PROVIDER);
    }

    private ResponseEntity<String> post(String user, String path, Object body) {
        return JsonHttp.post(rest, json, user, path, body);
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, FilingFixtures.SECRET).getForEntity(path, String.class);
    }

    private JsonNode body(ResponseEntity<String> r) {
        return JsonHttp.read(json, r);
    }

    private static Map<String, Object> file(String kind, String name, String type, byte[] bytes) {
        return Map.of("kind", kind, "fileName", name, "contentType", type,
                "contentBase64", Base64.getEncoder().encodeToString(bytes));
    }

    private static Map<String, Object> application(String type, String model) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("productType", type);
        b.put("model", model);
        b.put("productVersion", "2.1");
        b.put("description", "接口提交");
        b.put("attachments", List.of(file("CERTIFICATE", "cert.pdf", "application/pdf", FilingFixtures.PDF),
                file("TEST_REPORT", "report.png", "image/png", FilingFixtures.PNG)));
        return b;
    }

    private String approve(String caseNo) {
        String taskId = FilingFixtures.task(inbox, users, "natsupervisor", caseNo, FilingService.REVIEW_TASK).taskId();
        return users.as("natsupervisor", () -> filings.review(taskId, Review.of(Review.Outcome.APPROVE, "予以备案")))
                .id();
    }

    @Test
    @DisplayName("FIL-01 SEC-01 a manufacturer's client applies over the API and reads its own filing; another manufacturer's client gets 404 for reading, resubmitting, withdrawing and downloading it; bad input is 400 naming the field")
    void clientsAreBoundToTheirManufacturer() {
        ResponseEntity<String> created = post("termclient", "/api/v1/filings",
                application("TERMINAL", FilingFixtures.model("API")));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode f = body(created);
        String id = f.get("id").asText();
        assertThat(f.get("channel").asText()).isEqualTo("API");
        assertThat(f.get("manufacturerId").asText()).isEqualTo(terminalMaker.id());
        assertThat(created.getHeaders().getLocation().getPath()).isEqualTo("/api/v1/filings/" + id);
        assertThat(get("termclient", "/api/v1/filings/" + id).getStatusCode()).isEqualTo(HttpStatus.OK);

        String attachment = f.get("attachments").get(0).get("id").asText();
        ResponseEntity<byte[]> download = rest.withBasicAuth("termclient", FilingFixtures.SECRET)
                .getForEntity("/api/v1/filing-attachments/" + attachment, byte[].class);
        assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(download.getBody()).isEqualTo(FilingFixtures.PDF);
        assertThat(download.getHeaders().getFirst("X-Content-SM3")).hasSize(64);

        assertThat(get("chipclient", "/api/v1/filings/" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("chipclient", "/api/v1/filing-attachments/" + attachment).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("chipclient", "/api/v1/filings/" + id + "/withdrawal", Map.of("reason", "撤回"))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("chipclient", "/api/v1/filings/" + id + "/resubmission", Map.of("productVersion", "9"))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("chipclient", "/api/v1/filings", Map.of("manufacturerId", terminalMaker.id(),
                "productType", "CHIP", "model", "X1", "productVersion", "1", "attachments",
                application("CHIP", "X1").get("attachments"))).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(get("chipclient", "/api/v1/filings?size=200")).get("entries").findValuesAsText("id"))
                .doesNotContain(id);
        assertThat(get("chipclient", "/api/v1/filing-manufacturers/" + terminalMaker.id()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // the filing scope opens no other API: not revocation, not terminals
        assertThat(post("termclient", "/api/v1/filings/" + id + "/revocation", Map.of("reason", "x"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // while in review, the client's own resubmission is 409 NOT_AT_STEP (a replay, or out of turn)
        ResponseEntity<String> early = post("termclient", "/api/v1/filings/" + id + "/resubmission",
                Map.of("productVersion", "2.2"));
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(early).get("code").asText()).isEqualTo("NOT_AT_STEP");

        Map<String, Object> bad = application("TERMINAL", "M".repeat(65));
        bad.put("attachments", List.of(Map.of("kind", "CERTIFICATE", "fileName", "x.pdf", "contentType",
                "text/html", "contentBase64", "PGh0bWw+")));
        ResponseEntity<String> refused = post("termclient", "/api/v1/filings", bad);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(refused).get("errors").findValuesAsText("field"))
                .contains("model", "attachments[0].contentType");
        Map<String, Object> notBase64 = application("TERMINAL", FilingFixtures.model("B"));
        notBase64.put("attachments", List.of(Map.of("kind", "CERTIFICATE", "fileName", "x.pdf", "contentType",
                "application/pdf", "contentBase64", "@@@not base64@@@")));
        assertThat(body(post("termclient", "/api/v1/filings", notBase64)).get("errors").findValuesAsText("field"))
                .containsExactly("attachments[0].contentBase64");
    }

    @Test
    @DisplayName("FIL-01 FIL-02 SEC-01 a national machine client bound to no manufacturer has none of the national desk's powers: 403 on submit, 404 on reading, downloading, resubmitting and withdrawing others' applications, no filings and no manufacturers listed, 403 on modify and revoke")
    void unboundClientIsNoNationalDesk() {
        JsonNode f = body(post("termclient", "/api/v1/filings", application("TERMINAL", FilingFixtures.model("U"))));
        String id = f.get("id").asText();
        String attachment = f.get("attachments").get(0).get("id").asText();

        ResponseEntity<String> submitted = post("unboundclient", "/api/v1/filings", Map.of("manufacturerId",
                terminalMaker.id(), "productType", "TERMINAL", "model", FilingFixtures.model("UB"),
                "productVersion", "1", "attachments", application("TERMINAL", "x").get("attachments")));
        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("unboundclient", "/api/v1/filings", application("TERMINAL", FilingFixtures.model("UB")))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("unboundclient", "/api/v1/filings/" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("unboundclient", "/api/v1/filing-attachments/" + attachment).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("unboundclient", "/api/v1/filings/" + id + "/withdrawal", Map.of("reason", "撤回"))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("unboundclient", "/api/v1/filings/" + id + "/resubmission", Map.of("productVersion", "9"))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(get("unboundclient", "/api/v1/filings?size=200")).get("total").asLong()).isZero();
        assertThat(body(get("unboundclient", "/api/v1/filing-manufacturers"))).isEmpty();
        assertThat(get("unboundclient", "/api/v1/filing-manufacturers/" + terminalMaker.id()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // the same through the services, where the URL rule does not help: no national person's powers
        assertThatThrownBy(() -> users.as("unboundclient", () -> filings.modify(id, 0L, "9", null)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("termclient", () -> filings.revoke(id, "越权")))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("unboundclient", () -> manufacturers.register(
                new ManufacturerRegistration("某公司", FilingFixtures.creditCode(), java.util.EnumSet.of(
                        ProviderType.CARD_MAKER), "李", "010-12345678", null))))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        // a client of another scope reaches no filing path
        assertThat(get("cardsclient", "/api/v1/filings/" + id).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    @DisplayName("FIL-01 a competitor cannot squat a model number: models are unique per manufacturer, the rightful manufacturer files the same model name, a terminal names the manufacturer's filing; the same manufacturer twice is 409 MODEL_FILED")
    void modelSquatting() {
        String hospital = EhcTestSupport.hospital(institutions);
        ManufacturerView squatter = FilingFixtures.manufacturer(manufacturers, users, "抢注终端有限公司", null,
                ProviderType.TERMINAL_PROVIDER);
        String model = FilingFixtures.model("SQ");
        FilingView theirs = users.as("natclerk", () -> filings.submit(FilingFixtures.application(squatter.id(),
                ProductType.TERMINAL, model)));
        approve(theirs.caseNo());
        ResponseEntity<String> ours = post("termclient", "/api/v1/filings", application("TERMINAL", model));
        assertThat(ours.getStatusCode()).as(ours.getBody()).isEqualTo(HttpStatus.CREATED);
        approve(body(ours).get("caseNo").asText());
        String ourFilingNo = body(get("termclient", "/api/v1/filings/" + body(ours).get("id").asText()))
                .get("filingNo").asText();
        ResponseEntity<String> again = post("termclient", "/api/v1/filings", application("TERMINAL", model));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(again).get("code").asText()).isEqualTo(FilingService.MODEL_FILED);

        ResponseEntity<String> terminal = post("admin", "/api/v1/ehc/terminals", Map.of("terminalId",
                "FIL-SQ-" + System.nanoTime(), "institutionCode", hospital, "manufacturerCode",
                terminalMaker.creditCode(), "terminalModel", model.toLowerCase()));
        assertThat(terminal.getStatusCode()).as(terminal.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(body(terminal).get("terminalFilingNo").asText()).isEqualTo(ourFilingNo);
        assertThat(body(terminal).get("terminalManufacturer").asText()).isEqualTo("康联终端科技有限公司");
        assertThat(body(get("bjadmin", "/api/v1/filed-products?productType=TERMINAL&model=" + model
                + "&manufacturer=" + squatter.creditCode())).get("product").get("filingNo").asText())
                .isNotEqualTo(ourFilingNo);
    }

    @Test
    @DisplayName("FIL-01 INT-06 API attachments within the documented limit: together up to 3,000,000 bytes decoded are accepted (201), one byte more is 400 on attachments, not a 413 from the 4 MiB body limit")
    void attachmentLimitsMatchTheBodyLimit() {
        Map<String, Object> fits = application("TERMINAL", FilingFixtures.model("BIG"));
        fits.put("attachments", List.of(file("CERTIFICATE", "cert.pdf", "application/pdf", pdf(1_500_000)),
                file("TEST_REPORT", "report.pdf", "application/pdf", pdf(1_500_000))));
        ResponseEntity<String> ok = post("termclient", "/api/v1/filings", fits);
        assertThat(ok.getStatusCode()).as(ok.getBody()).isEqualTo(HttpStatus.CREATED);

        Map<String, Object> over = application("TERMINAL", FilingFixtures.model("BIG"));
        over.put("attachments", List.of(file("CERTIFICATE", "cert.pdf", "application/pdf", pdf(1_500_000)),
                file("TEST_REPORT", "report.pdf", "application/pdf", pdf(1_500_001))));
        ResponseEntity<String> refused = post("termclient", "/api/v1/filings", over);
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(refused).get("errors").findValuesAsText("field")).containsExactly("attachments");
        assertThat(body(refused).get("errors").findValuesAsText("message").get(0)).contains("3,000,000");
    }

    private static byte[] pdf(int size) {
        byte[] b = new byte[size];
        System.arraycopy(FilingFixtures.PDF, 0, b, 0, FilingFixtures.PDF.length);
        return b;
    }

    @Test
    @DisplayName("FIL-01 SEC-01 a manufacturer is bound only to an existing API client with the filing scope: a person's username, an unknown id and a client without the scope are 400 on apiClientId")
    void bindingNamesAFilingClient() {
        for (String client : List.of("natclerk", "nosuchclient", "cardsclient")) {
            ResponseEntity<String> r = post("admin", "/api/v1/filing-manufacturers", Map.of("name", "某公司",
                    "creditCode", FilingFixtures.creditCode(), "providerTypes", List.of("CARD_MAKER"),
                    "contactName", "李", "contactPhone", "010-12345678", "apiClientId", client));
            assertThat(r.getStatusCode()).as(client + ": " + r.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(body(r).get("errors").findValuesAsText("field")).containsExactly("apiClientId");
        }
    }

    @Test
    @DisplayName("FIL-02 SEC-01 manufacturers' contacts are for the national centre: a provincial admin's list and read are 403, a bound client sees only its own")
    void manufacturerContacts() {
        assertThat(get("bjadmin", "/api/v1/filing-manufacturers").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("bjadmin", "/api/v1/filing-manufacturers/" + terminalMaker.id()).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        JsonNode own = body(get("termclient", "/api/v1/filing-manufacturers"));
        assertThat(own.findValuesAsText("id")).containsExactly(terminalMaker.id());
        assertThat(body(get("admin", "/api/v1/filing-manufacturers")).findValuesAsText("id"))
                .contains(terminalMaker.id());
    }

    @Test
    @DisplayName("FIL-02 provincial and city levels only query and export: a provincial admin's create, modify and revoke are 403; the national admin revokes; the catalogue exports as CSV and Excel; certificate and counts over HTTP")
    void levels() {
        JsonNode f = body(post("termclient", "/api/v1/filings", application("TERMINAL", FilingFixtures.model("L"))));
        String id = f.get("id").asText();
        approve(f.get("caseNo").asText());

        assertThat(post("bjadmin", "/api/v1/filings", Map.of("manufacturerId", terminalMaker.id(),
                "productType", "TERMINAL", "model", FilingFixtures.model("P"), "productVersion", "1",
                "attachments", application("TERMINAL", "x").get("attachments"))).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("bjadmin", "/api/v1/filings/" + id + "/modification",
                Map.of("version", 0, "productVersion", "3"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("bjadmin", "/api/v1/filings/" + id + "/revocation", Map.of("reason", "越权"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("bjadmin", "/api/v1/filing-manufacturers", Map.of("name", "某公司", "creditCode",
                FilingFixtures.creditCode(), "providerTypes", List.of("CARD_MAKER"), "contactName", "李",
                "contactPhone", "010-12345678")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<byte[]> csv = rest.withBasicAuth("bjadmin", FilingFixtures.SECRET)
                .getForEntity("/api/v1/filings/export?format=csv&productType=TERMINAL", byte[].class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(new String(csv.getBody(), java.nio.charset.StandardCharsets.UTF_8)).contains("备案号")
                .contains(f.get("model").asText());
        ResponseEntity<byte[]> xlsx = rest.withBasicAuth("bjadmin", FilingFixtures.SECRET)
                .getForEntity("/api/v1/filings/export?format=xlsx", byte[].class);
        assertThat(xlsx.getBody()).startsWith('P', 'K');
        assertThat(get("bjadmin", "/api/v1/filings/export?format=pdf").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<byte[]> pdf = rest.withBasicAuth("bjadmin", FilingFixtures.SECRET)
                .getForEntity("/api/v1/filings/" + id + "/certificate", byte[].class);
        assertThat(new String(pdf.getBody(), 0, 5)).isEqualTo("%PDF-");

        ResponseEntity<String> revoked = post("admin", "/api/v1/filings/" + id + "/revocation",
                Map.of("reason", "抽检不合格"));
        assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(body(revoked).get("status").asText()).isEqualTo("REVOKED");
        assertThat(body(get("bjadmin", "/api/v1/filed-products?productType=TERMINAL&model="
                + f.get("model").asText())).get("filed").asBoolean()).isFalse();
        assertThat(post("admin", "/api/v1/filings/" + id + "/revocation", Map.of("reason", "x".repeat(501)))
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("auditor", "/api/v1/statistics/filings").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("clerk", "/api/v1/statistics/filings").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    @DisplayName("FIL-01 EHC-05 terminal registration requires a filed, valid terminal model of the named manufacturer: unfiled, expired and revoked models are refused 409 naming terminalModel (service and REST), a missing model or manufacturer 400")
    void terminalRegistrationRequiresAFiledModel() {
        String hospital = EhcTestSupport.hospital(institutions);
        String maker = terminalMaker.creditCode();
        // unfiled
        ResponseEntity<String> unfiled = post("admin", "/api/v1/ehc/terminals", Map.of("terminalId",
                "FIL-T-" + System.nanoTime(), "institutionCode", hospital, "manufacturerCode", maker,
                "terminalModel", "NO-SUCH-MODEL"));
        assertThat(unfiled.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(unfiled).get("code").asText()).isEqualTo(FiledProducts.NOT_FILED);
        assertThat(body(unfiled).get("field").asText()).isEqualTo("terminalModel");
        ResponseEntity<String> missing = post("admin", "/api/v1/ehc/terminals", Map.of("terminalId",
                "FIL-T-" + System.nanoTime(), "institutionCode", hospital));
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(missing).get("errors").findValuesAsText("field")).containsExactly("terminalModel");
        ResponseEntity<String> noMaker = post("admin", "/api/v1/ehc/terminals", Map.of("terminalId",
                "FIL-T-" + System.nanoTime(), "institutionCode", hospital, "terminalModel",
                EhcTestSupport.TERMINAL_MODEL));
        assertThat(noMaker.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(noMaker).get("errors").findValuesAsText("field")).containsExactly("manufacturerCode");
        assertThatThrownBy(() -> users.as("admin", () -> terminals.register("FIL-T-" + System.nanoTime(), hospital,
                maker, "NO-SUCH-MODEL", null))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> users.as("admin", () -> terminals.register("FIL-T-" + System.nanoTime(), hospital,
                maker, " ", null))).isInstanceOf(DomainValidationException.class);

        // filed: accepted, the terminal carries the model, filing number and manufacturer
        FilingView f = users.as("natclerk", () -> filings.submit(FilingFixtures.application(terminalMaker.id(),
                ProductType.TERMINAL, FilingFixtures.model("RT"))));
        approve(f.caseNo());
        FilingView filed = users.as("natclerk", () -> filings.get(f.id()));
        ResponseEntity<String> ok = post("admin", "/api/v1/ehc/terminals", Map.of("terminalId",
                "FIL-T-" + System.nanoTime(), "institutionCode", hospital, "manufacturerCode", maker,
                "terminalModel", f.model()));
        assertThat(ok.getStatusCode()).as(ok.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(body(ok).get("terminalFilingNo").asText()).isEqualTo(filed.filingNo());
        assertThat(body(ok).get("terminalManufacturer").asText()).isEqualTo("康联终端科技有限公司");

        // expired: the lapse timer ran
        String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(f.caseNo()).singleResult().getId();
        management.createJobQuery().processInstanceId(pi).timers().orderByJobDuedate().asc().list()
                .forEach(job -> SecurityContextUsers.runAsSystem(() -> management.executeJob(job.getId())));
        assertThat(users.as("natclerk", () -> filings.get(f.id())).status()).isEqualTo(FilingStatus.EXPIRED);
        ResponseEntity<String> expired = post("admin", "/api/v1/ehc/terminals", Map.of("terminalId",
                "FIL-T-" + System.nanoTime(), "institutionCode", hospital, "manufacturerCode", maker,
                "terminalModel", f.model()));
        assertThat(expired.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(expired).get("field").asText()).isEqualTo("terminalModel");

        // revoked
        FilingView r = users.as("natclerk", () -> filings.submit(FilingFixtures.application(terminalMaker.id(),
                ProductType.TERMINAL, FilingFixtures.model("RV"))));
        approve(r.caseNo());
        users.as("admin", () -> filings.revoke(r.id(), "撤销"));
        ResponseEntity<String> revoked = post("admin", "/api/v1/ehc/terminals", Map.of("terminalId",
                "FIL-T-" + System.nanoTime(), "institutionCode", hospital, "manufacturerCode", maker,
                "terminalModel", r.model()));
        assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(revoked).get("code").asText()).isEqualTo(FiledProducts.NOT_FILED);
    }
}

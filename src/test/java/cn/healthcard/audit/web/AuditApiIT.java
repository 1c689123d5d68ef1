package cn.healthcard.audit.web;

import cn.healthcard.audit.internal.LocalElasticsearch;
import cn.healthcard.audit.AuditExport;
import cn.healthcard.audit.AuditLog;
import cn.healthcard.card.CardService;
import cn.healthcard.common.Masking;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.lifecycle.RequestStatus;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.CardRequestScenarios;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.healthcard.support.CardRequestScenarios.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail API over real HTTP (HTTP Basic): search by GET and POST, CSV and PDF exports, the case timeline,
 * roles and problem details. The filters themselves are covered one by one in {@code AuditSearchIT}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired CardApplicationService applications;
    @Autowired CardRequestService requests;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired AuditLog auditLog;
    @Autowired TestUsers users;
    @Autowired LocalElasticsearch elasticsearchServer;

    ResidentData holder;
    String cardNo;
    String applicationId;
    String lossRequestId;

    @BeforeEach
    void oneCardStory() throws Exception {
        if (cardNo != null) {
            return;
        }
        elasticsearchServer.awaitStarted(Duration.ofMinutes(5)); // started in the background with the application
        var issuing = new CardApplicationScenarios(applications, inbox, cards, users);
        var scenario = new CardRequestScenarios(requests, inbox, users);
        holder = TestResidents.newResident("司马导出");
        var issued = issuing.issue(holder);
        cardNo = issued.cardNo();
        applicationId = issued.applicationId();
        lossRequestId = scenario.submit("clerk", RequestType.LOSS_REPORT, form(cardNo, holder, "lossReason",
                "钱包被盗", "lossDate", LocalDate.now().minusDays(1)))
                .requestId();
        scenario.review("supervisor", lossRequestId, "APPROVE", "核实为本人在公交站遗失");
        scenario.awaitStatus(lossRequestId, RequestStatus.COMPLETED);
        // the projection runs every 300 ms in the tests: wait until the whole story is searchable
        Eventually.await("the loss report in the index", Duration.ofSeconds(30),
                () -> get("auditor", search("cardNo", cardNo, "eventType", "CardRequestCompleted")).getBody(),
                body -> body != null && body.contains("\"total\":1"));
    }

    @Test
    @DisplayName("APP-13 BPM-03 SEC-02 an auditor's GET /audit/events answers 200 with items, total, page and size; personal data only masked")
    void auditorSearches() throws Exception {
        ResponseEntity<String> answer = get("auditor", search("cardNo", cardNo, "size", "3", "sort", "oldest_first"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        JsonNode page = json.readTree(answer.getBody());
        assertThat(page.get("total").asLong()).isGreaterThan(6);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(3);
        assertThat(page.get("items")).hasSize(3).allSatisfy(item -> {
            assertThat(item.get("cardNo").asText()).isEqualTo(cardNo);
            assertThat(item.get("id").asLong()).isPositive();
            assertThat(item.get("occurredAt").asText()).endsWith("Z");
        });
        assertThat(page.get("items").get(0).get("id").asLong())
                .isLessThan(page.get("items").get(1).get("id").asLong());
        assertThat(page.get("items").findValuesAsText("nameMasked")).contains(Masking.name(holder.name()));
        assertThat(answer.getBody()).doesNotContain(holder.documentNumber()).doesNotContain(holder.name());

        JsonNode second = json.readTree(get("auditor", search("cardNo", cardNo, "size", "3", "page", "1",
                "sort", "OLDEST_FIRST")).getBody());
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("items").get(0).get("id").asLong())
                .isGreaterThan(page.get("items").get(2).get("id").asLong());
    }

    @Test
    @DisplayName("SEC-02 the audit API is for auditors: clerks and supervisors get 403 problem+json on search and exports, anonymous callers 401")
    void onlyAuditors() {
        for (String user : new String[]{"clerk", "supervisor", "platform"}) {
            for (URI uri : List.of(search("cardNo", cardNo), uri("/api/v1/audit/events.csv", "cardNo", cardNo),
                    uri("/api/v1/audit/events.pdf", "cardNo", cardNo))) {
                ResponseEntity<String> denied = get(user, uri);
                assertThat(denied.getStatusCode()).as(user + " " + uri).isEqualTo(HttpStatus.FORBIDDEN);
                assertThat(denied.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
            assertThat(post(user, "/api/v1/audit/events/search", Map.of("cardNo", cardNo)).getStatusCode())
                    .as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(rest.getForEntity(search("cardNo", cardNo), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    @DisplayName("SEC-03 bad input answers 400 problem+json naming the field: dates, period, document without its type, paging, order, a region outside the caller's scope")
    void badInput() throws Exception {
        assertBad(search("from", "2026-12-01", "to", "2026-11-01"), "from");
        assertBad(search("from", "2026-13-01"), "from");
        assertBad(search("to", "yesterday"), "to");
        // personal data never in a URL (SEC-02): refused in the query string, whatever else is right or wrong
        assertBad(search("documentNumber", holder.documentNumber()), "documentNumber");
        assertBad(search("documentType", "01"), "documentType");
        assertBad(search("name", holder.name()), "name");
        assertBad(search("sort", "by-colour"), "sort");
        assertBad(search("size", "0"), "size");
        assertBad(search("size", "201"), "size");
        assertBad(search("page", "-1"), "page");
        assertBad(search("page", "x"), "page");
        assertBad(search("page", "60", "size", "200"), "page");
        assertBad(search("region", "310000"), "region");
        assertBad(search("cardNo", "no spaces please"), "cardNo");
        assertBad(uri("/api/v1/audit/events.csv", "from", "2026-02-30"), "from");
        assertBad(uri("/api/v1/audit/events.pdf", "documentType", "01"), "documentType");
        assertBad(uri("/api/v1/audit/events.csv", "name", holder.name()), "name");

        ResponseEntity<String> body = post("auditor", "/api/v1/audit/events/search",
                Map.of("from", "2026-11-02", "to", "2026-11-01", "sort", "nope"));
        assertThat(body.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json.readTree(body.getBody()).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("sort");
        ResponseEntity<String> period = post("auditor", "/api/v1/audit/events/search",
                Map.of("from", "2026-11-02", "to", "2026-11-01"));
        assertThat(json.readTree(period.getBody()).get("errors").findValuesAsText("field")).containsExactly("from");
    }

    @Test
    @DisplayName("APP-13 SEC-02 POST /audit/events/search takes the filters in the body (no ID number in the URL) and finds what GET finds")
    void searchByBody() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documentType", holder.documentType());
        body.put("documentNumber", holder.documentNumber());
        body.put("size", 50);
        body.put("sort", "OLDEST_FIRST");
        ResponseEntity<String> answer = post("auditor", "/api/v1/audit/events/search", body);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode page = json.readTree(answer.getBody());
        assertThat(page.get("items").findValuesAsText("eventType")).contains("CardApplicationSubmitted",
                "CardPickedUp", "CardRequestReviewed");
        assertThat(page.get("items").findValuesAsText("caseRef")).contains(applicationId, lossRequestId);
        assertThat(page.get("items").findValuesAsText("documentNumberMasked"))
                .containsOnly(Masking.documentNumber(holder.documentNumber()));
        assertThat(answer.getBody()).doesNotContain(holder.documentNumber());

        JsonNode byBodyAndCard = json.readTree(post("auditor", "/api/v1/audit/events/search", Map.of(
                "cardNo", cardNo, "size", 50, "sort", "OLDEST_FIRST")).getBody());
        JsonNode byGet = json.readTree(get("auditor", search("cardNo", cardNo, "size", "50", "sort", "OLDEST_FIRST"))
                .getBody());
        assertThat(byGet.get("total")).isEqualTo(byBodyAndCard.get("total"));
        assertThat(byGet.get("items").findValuesAsText("id"))
                .isEqualTo(byBodyAndCard.get("items").findValuesAsText("id"));

        JsonNode byName = json.readTree(post("auditor", "/api/v1/audit/events/search",
                Map.of("name", holder.name(), "eventType", "CardRequestCompleted")).getBody());
        assertThat(byName.get("total").asLong()).isEqualTo(1);
        assertThat(byName.get("items").get(0).get("caseRef").asText()).isEqualTo(lossRequestId);
    }

    @Test
    @DisplayName("APP-13 SEC-02 SEC-03 the CSV export (UTF-8 with BOM, Chinese header, China time) parses back with Commons CSV, shows the masked name only, never the document number, and is on record")
    void csvExport() throws Exception {
        ResponseEntity<byte[]> answer = rest.withBasicAuth("auditor", "demo1234")
                .getForEntity(uri("/api/v1/audit/events.csv", "cardNo", cardNo), byte[].class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv")))
                .isTrue();
        assertThat(answer.getHeaders().getContentDisposition().isAttachment()).isTrue();
        assertThat(answer.getHeaders().getContentDisposition().getFilename()).matches("audit-\\d{8}-\\d{4}\\.csv");
        byte[] bytes = answer.getBody();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(holder.documentNumber()).doesNotContain(holder.name());

        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setCommentMarker('#').get().parse(new StringReader(text.substring(1)))) {
            assertThat(parser.getHeaderNames()).isEqualTo(AuditExport.CSV_HEADER);
            records = parser.getRecords();
        }
        assertThat(records).hasSizeGreaterThan(6)
                .allSatisfy(r -> assertThat(r.get("卡号")).isEqualTo(cardNo))
                .allSatisfy(r -> assertThat(r.get("时间 (北京时间)")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertThat(answer.getHeaders().getFirst("X-Audit-Rows")).isEqualTo(String.valueOf(records.size()));
        assertThat(records).extracting(r -> r.get("事件")).contains("CardPickedUp", "CardRequestCompleted");
        assertThat(records).extracting(r -> r.get("姓名(脱敏)")).contains(Masking.name(holder.name()));
        assertThat(records).extracting(r -> r.get("证件号码(脱敏)"))
                .contains(Masking.documentNumber(holder.documentNumber()));
        assertThat(records).extracting(r -> r.get("业务编号")).contains(applicationId, lossRequestId);
        assertThat(records).extracting(r -> r.get("渠道")).isSubsetOf("UI", "API", "PROCESS");
        assertThat(records).extracting(r -> r.get("详情")).anyMatch(d -> d.contains("核实为本人在公交站遗失"));

        assertThat(users.as("auditor", () -> auditLog.about("AuditTrail", "auditor"))).last().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("AuditSearched");
            assertThat(e.detail()).isEqualTo("export: card=" + cardNo);
            assertThat(e.channel()).isEqualTo("API");
        });

        // the same by POST, with the document in the body
        ResponseEntity<byte[]> byBody = rest.withBasicAuth("auditor", "demo1234").exchange("/api/v1/audit/events.csv",
                HttpMethod.POST, jsonBody(Map.of("documentType", holder.documentType(), "documentNumber",
                        holder.documentNumber(), "eventType", "CardPickedUp")), byte[].class);
        assertThat(byBody.getStatusCode()).isEqualTo(HttpStatus.OK);
        String posted = new String(byBody.getBody(), StandardCharsets.UTF_8);
        assertThat(posted.lines()).hasSize(2);
        assertThat(posted).contains(cardNo).doesNotContain(holder.documentNumber());
    }

    @Test
    @DisplayName("APP-13 SEC-02 the PDF export is a PDF with the title 审计日志查询结果, the exporter, the filters and the card's entries, masked only")
    void pdfExport() throws Exception {
        ResponseEntity<byte[]> answer = rest.withBasicAuth("auditor", "demo1234")
                .getForEntity(uri("/api/v1/audit/events.pdf", "cardNo", cardNo), byte[].class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(answer.getHeaders().getContentDisposition().getFilename()).matches("audit-\\d{8}-\\d{4}\\.pdf");
        byte[] pdf = answer.getBody();
        assertThat(pdf).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
        Path file = Path.of("target", "reports", "audit-export-api.pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf);

        PdfReader reader = new PdfReader(pdf);
        assertThat(reader.getPageSizeWithRotation(1).getWidth()).isGreaterThan(reader.getPageSizeWithRotation(1)
                .getHeight());
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= reader.getNumberOfPages(); i++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(i));
        }
        assertThat(text).contains("审计日志查询结果", "孙审计（auditor）", "card=" + cardNo, cardNo, "领卡",
                Masking.name(holder.name()), "已全部导出");
        assertThat(text.toString()).doesNotContain(holder.documentNumber()).doesNotContain(holder.name());
    }

    @Test
    @DisplayName("APP-13 GET /cards/{cardNo}/timeline replays the card's case from application to the loss report, for auditors and supervisors, not clerks")
    void timeline() throws Exception {
        for (String user : new String[]{"auditor", "supervisor"}) {
            ResponseEntity<String> answer = get(user, URI.create("/api/v1/cards/" + cardNo + "/timeline"));
            assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
            JsonNode entries = json.readTree(answer.getBody());
            assertThat(entries.findValuesAsText("eventType")).containsSubsequence("CardApplicationSubmitted",
                    "CardApplicationReviewed", "CardProductionRequested", "CardReadyForPickup", "CardPickedUp",
                    "CardRequestSubmitted", "CardRequestReviewed", "CardRequestCompleted");
            assertThat(entries.findValuesAsText("caseRef")).contains(applicationId, lossRequestId);
            assertThat(answer.getBody()).doesNotContain(holder.documentNumber());
        }
        assertThat(json.readTree(get("auditor", URI.create("/api/v1/cards/000000000000000000/timeline"))
                .getBody())).isEmpty();
        assertThat(get("clerk", URI.create("/api/v1/cards/" + cardNo + "/timeline")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    @DisplayName("INT-06 SEC-02 the audit endpoints are in the OpenAPI document; document and name searches are POST only")
    void documented() throws Exception {
        JsonNode api = json.readTree(rest.getForEntity("/v3/api-docs", String.class).getBody());
        JsonNode paths = api.get("paths");
        assertThat(paths.has("/api/v1/audit/events")).isTrue();
        assertThat(paths.get("/api/v1/audit/events/search").has("post")).isTrue();
        assertThat(paths.get("/api/v1/audit/events.csv").has("get")).isTrue();
        assertThat(paths.get("/api/v1/audit/events.pdf").has("post")).isTrue();
        assertThat(paths.has("/api/v1/cards/{cardNo}/timeline")).isTrue();
        JsonNode get = paths.get("/api/v1/audit/events").get("get");
        assertThat(get.get("description").asText()).contains("Searches by document number or name take the POST form only");
        assertThat(get.get("parameters").findValuesAsText("name")).containsExactlyInAnyOrder("cardNo",
                "institution", "region", "eventType", "actor", "from", "to", "text", "page", "size", "sort");
    }

    private void assertBad(URI uri, String field) throws Exception {
        ResponseEntity<String> answer = get("auditor", uri);
        assertThat(answer.getStatusCode()).as(uri.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).as(uri.toString())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(answer.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsText("field")).as(uri.toString()).containsExactly(field);
    }

    private static URI search(String... keyValues) {
        return uri("/api/v1/audit/events", keyValues);
    }

    private static URI uri(String path, String... keyValues) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        for (int i = 0; i < keyValues.length; i += 2) {
            b.queryParam(keyValues[i], keyValues[i + 1]);
        }
        return b.encode().build().toUri();
    }

    private ResponseEntity<String> get(String user, URI uri) {
        return rest.withBasicAuth(user, "demo1234").getForEntity(uri, String.class);
    }

    private ResponseEntity<String> post(String user, String path, Object body) {
        return rest.withBasicAuth(user, "demo1234").exchange(path, HttpMethod.POST, jsonBody(body), String.class);
    }

    private static HttpEntity<Object> jsonBody(Object body) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}

package cn.healthcard.production;

import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The production API (APP-08, PER-04): problems naming the field, region scoping, stale versions. */
@IntegrationTest
class ProductionApiIT {

    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired ProductionOrders orders;
    @Autowired ResidentService residents;
    @Autowired InstitutionService institutions;
    @Autowired UserAdministration userAdministration;
    @Autowired CryptoDevice device;
    @Autowired TransactionTemplate tx;

    @BeforeEach
    void world() {
        ProductionFixture.ensure(context);
    }

    private ResponseEntity<String> call(String user, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        return rest.withBasicAuth(user, "demo1234").exchange(path, method, new HttpEntity<>(body, headers),
                String.class);
    }

    private JsonNode read(ResponseEntity<String> r) throws Exception {
        return json.readTree(r.getBody());
    }

    @Test
    @DisplayName("APP-08 BPM-06: plan over the API and its PDF: bad input is a 400 naming the field, another province gets 404, a stale "
            + "version 409, a clerk 403")
    void planApi() throws Exception {
        ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 1);
        assertThat(call("pxclerk", HttpMethod.POST, "/api/v1/production/plans", null).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<String> created = call("pxsup", HttpMethod.POST, "/api/v1/production/plans", null);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        JsonNode plan = read(created);
        String planNo = plan.get("planNo").asText();
        long version = plan.get("version").asLong();
        String base = "/api/v1/production/plans/" + planNo;

        ResponseEntity<String> badMaker = call("pxsup", HttpMethod.PUT, base + "/groups/150102",
                "{\"version\":" + version + ",\"makerCode\":\"no such maker!\"}");
        assertThat(badMaker.getStatusCode().value()).isEqualTo(400);
        assertThat(badMaker.getBody()).contains("makerCode");
        ResponseEntity<String> badRegion = call("pxsup", HttpMethod.PUT, base + "/groups/15x102",
                "{\"version\":" + version + ",\"makerCode\":\"PX-CM-150000\"}");
        assertThat(badRegion.getStatusCode().value()).isEqualTo(400);
        assertThat(badRegion.getBody()).contains("regionCode");
        ResponseEntity<String> noVersion = call("pxsup", HttpMethod.POST, base + "/submission", "{}");
        assertThat(noVersion.getStatusCode().value()).isEqualTo(400);
        assertThat(noVersion.getBody()).contains("version");
        ResponseEntity<String> badStatus = call("pxsup", HttpMethod.GET, "/api/v1/production/batches?status=BOGUS", null);
        assertThat(badStatus.getStatusCode().value()).isEqualTo(400);
        assertThat(badStatus.getBody()).contains("status");
        ResponseEntity<String> overlong = call("pxsup", HttpMethod.GET, "/api/v1/production/plans/" + "J".repeat(40),
                null);
        assertThat(overlong.getStatusCode().value()).isEqualTo(400);

        // another province: not found, neither read nor submit
        assertThat(call("pxsupother", HttpMethod.GET, base, null).getStatusCode().value()).isEqualTo(404);
        assertThat(call("pxsupother", HttpMethod.POST, base + "/submission", "{\"version\":" + version + "}")
                .getStatusCode().value()).isEqualTo(404);

        ResponseEntity<String> changed = call("pxsup", HttpMethod.PUT, base + "/groups/150102",
                "{\"version\":" + version + ",\"makerCode\":\"PX-CM-150000\"}");
        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> stale = call("pxsup", HttpMethod.POST, base + "/submission",
                "{\"version\":" + version + "}");
        assertThat(stale.getStatusCode().value()).isEqualTo(409);
        assertThat(stale.getBody()).contains("PRODUCTION_PLAN_CHANGED");
        ResponseEntity<String> submitted = call("pxsup", HttpMethod.POST, base + "/submission",
                "{\"version\":" + read(changed).get("version").asLong() + "}");
        assertThat(submitted.getStatusCode().value()).isEqualTo(200);
        assertThat(read(submitted).get("status").asText()).isEqualTo("SUBMITTED");

        ResponseEntity<byte[]> pdf = rest.withBasicAuth("pxsup", "demo1234").getForEntity(base + "/pdf", byte[].class);
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        var reader = new com.lowagie.text.pdf.PdfReader(pdf.getBody());
        String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(1)
                .replaceAll("\\s+", "");
        assertThat(text).contains("居民健康卡制卡计划", planNo, "已提交", "150102", ProductionFixture.MAKER_PROVINCE)
                .doesNotContain("${");
        // looked at as an image: docs/screenshots/pdf/production-plan.png (pdftoppm -png -r 80 -singlefile)
        java.nio.file.Path out = java.nio.file.Path.of("target/reports/production-plan.pdf");
        java.nio.file.Files.createDirectories(out.getParent());
        java.nio.file.Files.write(out, pdf.getBody());
        assertThat(rest.withBasicAuth("pxsupother", "demo1234").getForEntity(base + "/pdf", byte[].class)
                .getStatusCode().value()).isEqualTo(404);

        JsonNode batches = read(call("pxsup", HttpMethod.GET, "/api/v1/production/batches?planNo=" + planNo, null));
        assertThat(batches.size()).isGreaterThanOrEqualTo(1);
        assertThat(read(call("pxsupother", HttpMethod.GET, "/api/v1/production/batches", null)).toString())
                .doesNotContain(planNo);
    }

    @Test
    @DisplayName("PER-04: resend over the API: another province gets 404, an overlong case id 400, a case not in error 409")
    void resendApi() {
        String caseId = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 1).get(0);
        assertThat(call("pxsupother", HttpMethod.POST, "/api/v1/production/errors/" + caseId + "/resend", null)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(call("pxclerk", HttpMethod.POST, "/api/v1/production/errors/" + "C".repeat(70) + "/resend", null)
                .getStatusCode().value()).isEqualTo(400);
        ResponseEntity<String> notInError = call("pxclerk", HttpMethod.POST,
                "/api/v1/production/errors/" + caseId + "/resend", null);
        assertThat(notInError.getStatusCode().value()).isEqualTo(409);
        assertThat(notInError.getBody()).contains("PRODUCTION_NOT_IN_ERROR");
        assertThat(call("pxsup", HttpMethod.GET, "/api/v1/production/errors?all=true", null).getStatusCode().value())
                .isEqualTo(200);
    }
}

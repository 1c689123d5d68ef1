package cn.healthcard.issuance;

import cn.healthcard.resident.ResidentData;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The integration API over real HTTP (INT-01, INT-06): status codes, problem details, authentication. */
@IntegrationTest
class CardApplicationApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;

    @Test
    @DisplayName("INT-01 APP-01 POST /api/v1/card-applications answers 201 with Location; GET shows status and step")
    void createAndRead() throws Exception {
        ResponseEntity<String> created = post("platform", body(TestResidents.newResident("马晓军")));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(created.getBody());
        String id = body.get("applicationId").asText();
        assertThat(body.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(created.getHeaders().getLocation()).hasToString(rest.getRootUri() + "/api/v1/card-applications/" + id);

        JsonNode status = json.readTree(rest.withBasicAuth("supervisor", "demo1234")
                .getForObject(created.getHeaders().getLocation(), String.class));
        assertThat(status.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(status.get("currentSteps").get(0).asText()).isEqualTo("申领审核");
        assertThat(status.get("applicantName").asText()).isEqualTo("马*军");
        assertThat(status.get("documentNumber").asText()).contains("*");
    }

    @Test
    @DisplayName("INT-01 APP-03 invalid data answers 400 problem+json naming each bad field, and nothing is created")
    void invalid() throws Exception {
        Map<String, Object> body = body(TestResidents.newResident("错误"));
        body.put("documentNumber", "110105198506010000");
        body.put("phone", "abc");
        body.put("photoBase64", "!!notbase64!!");
        ResponseEntity<String> answer = post("platform", body);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(answer.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsText("field")).contains("photo");

        body.put("photoBase64", Base64.getEncoder().encodeToString(TestResidents.photo()));
        problem = json.readTree(post("platform", body).getBody());
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("documentNumber", "phone");
        assertThat(problem.get("errors").findValuesAsText("message")).anyMatch(m -> m.contains("校验位"));

        ResponseEntity<String> malformed = rest.withBasicAuth("platform", "demo1234").exchange("/api/v1/card-applications",
                HttpMethod.POST, new HttpEntity<>("{\"birthDate\": \"not a date\"}", jsonHeaders()), String.class);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(malformed.getBody()).get("errors").findValuesAsText("field")).containsExactly("birthDate");
    }

    @Test
    @DisplayName("APP-02 INT-01 a second application for the same person answers 409 with a stable code")
    void conflict() throws Exception {
        Map<String, Object> body = body(TestResidents.newResident("高志远"));
        assertThat(post("platform", body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> second = post("clerk", body);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(json.readTree(second.getBody()).get("code").asText()).isEqualTo("ONE_PERSON_ONE_CARD");
    }

    @Test
    @DisplayName("SEC-01 INT-06 401 without credentials, 403 for a role that may not apply; no session cookie; OpenAPI published")
    void security() throws Exception {
        Map<String, Object> body = body(TestResidents.newResident("林峰"));
        ResponseEntity<String> anonymous = rest.exchange("/api/v1/card-applications", HttpMethod.POST,
                new HttpEntity<>(body, jsonHeaders()), String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");

        ResponseEntity<String> wrongPassword = rest.withBasicAuth("clerk", "nope").exchange("/api/v1/card-applications",
                HttpMethod.POST, new HttpEntity<>(body, jsonHeaders()), String.class);
        assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<String> auditor = post("auditor", body);
        assertThat(auditor.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(auditor.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        ResponseEntity<String> ok = post("clerk", body);
        assertThat(ok.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();

        assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("clerk", "demo1234").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> engine = rest.withBasicAuth("admin", "demo1234")
                .getForEntity("/engine-rest/process-definition?key=card-application", String.class);
        assertThat(engine.getStatusCode()).as(engine.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(engine.getBody()).contains("\"key\":\"card-application\"");
        var cockpit = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(rest.getRootUri() + "/camunda/app/cockpit/default/")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(cockpit.statusCode()).isEqualTo(302);
        assertThat(cockpit.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        String apiDocs = rest.getForObject("/v3/api-docs", String.class);
        assertThat(apiDocs).contains("/api/v1/card-applications").contains("/api/v1/cards/{cardNo}");
    }

    @Test
    @DisplayName("INT-01 GET /api/v1/cards/{cardNo} of an unknown card answers 404 problem")
    void unknownCard() {
        ResponseEntity<String> answer = rest.withBasicAuth("clerk", "demo1234").getForEntity("/api/v1/cards/000", String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private ResponseEntity<String> post(String user, Map<String, Object> body) {
        return rest.withBasicAuth(user, "demo1234").exchange("/api/v1/card-applications", HttpMethod.POST,
                new HttpEntity<>(body, jsonHeaders()), String.class);
    }

    private static HttpHeaders jsonHeaders() {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    static Map<String, Object> body(ResidentData d) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("documentType", d.documentType());
        b.put("documentNumber", d.documentNumber());
        b.put("name", d.name());
        b.put("sex", d.sex());
        b.put("ethnicity", d.ethnicity());
        b.put("birthDate", d.birthDate().toString());
        b.put("phone", d.phone());
        b.put("address", d.address());
        b.put("bloodTypeAbo", d.bloodTypeAbo());
        b.put("bloodTypeRh", d.bloodTypeRh());
        b.put("medicalAlerts", d.medicalAlerts());
        b.put("photoBase64", Base64.getEncoder().encodeToString(d.photo()));
        return b;
    }
}
